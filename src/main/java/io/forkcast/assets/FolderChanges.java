package io.forkcast.assets;

import jakarta.validation.constraints.Size;

import java.util.Optional;
import java.util.UUID;

/**
 * A change to a folder; members left out stay as they are.
 *
 * @param name a new name (unique among its new siblings)
 * @param parentId a new parent; {@code null} moves the folder to the top level
 */
public record FolderChanges(@Size(min = 1, max = 255) String name, Optional<UUID> parentId) {
}
