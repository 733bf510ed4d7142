package io.forkcast.assets;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.UUID;

/**
 * A folder to create.
 *
 * @param name its name, unique among its siblings; no slash
 * @param parentId the folder it goes in, or {@code null} for the top level
 */
public record NewFolder(@NotBlank @Size(max = 255) String name, UUID parentId) {
}
