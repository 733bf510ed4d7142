package io.forkcast.assets;

import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A change to an asset; members left out stay as they are.
 *
 * @param filename a new name
 * @param folderId a folder to move it to; {@code null} takes it out of every folder
 * @param tags the new tag list (replaces the old one)
 * @param altText new alt text; empty removes it
 */
public record AssetChanges(
        @Size(min = 1, max = 255) String filename,
        Optional<UUID> folderId,
        @Size(max = AssetRules.MAX_TAGS) List<String> tags,
        @Size(max = AssetRules.MAX_ALT_TEXT) String altText) {
}
