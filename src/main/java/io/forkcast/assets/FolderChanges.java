package io.forkcast.assets;

import jakarta.validation.constraints.Size;

import io.swagger.v3.oas.annotations.media.Schema;
import tools.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.UUID;

/**
 * A change to a folder; members left out stay as they are.
 *
 * @param name a new name (unique among its new siblings)
 * @param parentId a new parent; {@code null} moves the folder to the top level; left out, it stays where it is
 */
public record FolderChanges(@Size(min = 1, max = 255) String name,
        @Schema(type = "string", format = "uuid", nullable = true)
        JsonNode parentId) {

    /** Empty when {@code parent_id} is left out; otherwise the new parent, empty for the top level. */
    Optional<Optional<UUID>> parentChange() {
        return NullableChange.uuid(parentId, "parent_id");
    }
}
