package io.forkcast.tenancy;

import java.util.Objects;
import java.util.UUID;

/** The identity of a tenant inside the code; a plain UUID string on the wire. */
public record TenantId(UUID value) {

    public TenantId {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
