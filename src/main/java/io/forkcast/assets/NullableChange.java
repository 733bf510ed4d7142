package io.forkcast.assets;

import io.forkcast.shared.InvalidFieldException;
import tools.jackson.databind.JsonNode;

import java.util.Optional;
import java.util.UUID;

/**
 * Reads a PATCH member that may be left out (no change), {@code null} (clear it) or a UUID: Jackson gives a left-out
 * {@code JsonNode} member as Java {@code null} and an explicit JSON {@code null} as a null node, which an
 * {@code Optional} parameter would not tell apart.
 */
final class NullableChange {

    private NullableChange() {
    }

    /** Empty when left out; otherwise the new value, itself empty for {@code null}. */
    static Optional<Optional<UUID>> uuid(JsonNode node, String field) {
        if (node == null || node.isMissingNode()) {
            return Optional.empty();
        }
        if (node.isNull()) {
            return Optional.of(Optional.empty());
        }
        if (node.isString()) {
            try {
                return Optional.of(Optional.of(UUID.fromString(node.asString())));
            } catch (IllegalArgumentException e) {
                // Answered below.
            }
        }
        throw new InvalidFieldException(field, "must be a UUID or null");
    }
}
