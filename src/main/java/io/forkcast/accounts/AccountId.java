package io.forkcast.accounts;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Objects;
import java.util.UUID;

/** The identity of a connected social account inside the code; a plain UUID string on the wire. */
public record AccountId(@JsonValue UUID value) {

    public AccountId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
