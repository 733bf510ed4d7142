package io.forkcast.tenancy;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a tenant user may do: viewers see, editors create posts and assets, admins and owners manage. */
public enum Role {
    OWNER, ADMIN, EDITOR, VIEWER;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }
}
