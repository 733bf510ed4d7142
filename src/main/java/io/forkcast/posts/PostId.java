package io.forkcast.posts;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** The identity of a post (all its networks); a plain UUID string on the wire. */
public record PostId(@JsonValue UUID value) {

    public PostId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
