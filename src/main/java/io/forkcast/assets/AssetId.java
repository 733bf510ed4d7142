package io.forkcast.assets;

import java.util.Objects;
import java.util.UUID;

/** The identity of a brand asset inside the code; a plain UUID string on the wire. */
public record AssetId(UUID value) {

    public AssetId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
