package io.forkcast.assets;

import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A change to an asset; members left out stay as they are.
 *
 * @param filename a new name
 * @param folderId a folder to move it to; {@code null} takes it out of every folder; left out, it stays where it is
 * @param tags the new tag list (replaces the old one)
 * @param altText new alt text; empty removes it
 */
public record AssetChanges(
        @Size(min = 1, max = 255) String filename,
        @Schema(type = "string", format = "uuid", nullable = true)
        JsonNode folderId,
        @Size(max = AssetRules.MAX_TAGS) List<String> tags,
        @Size(max = AssetRules.MAX_ALT_TEXT) String altText) {

    /** Empty when {@code folder_id} is left out; otherwise the new folder, empty for none. */
    Optional<Optional<UUID>> folderChange() {
        return NullableChange.uuid(folderId, "folder_id");
    }
}
