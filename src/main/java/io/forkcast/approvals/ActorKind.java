package io.forkcast.approvals;

import com.fasterxml.jackson.annotation.JsonValue;

/** Who acted: a dashboard user, an API key, the platform operator, or someone holding a share link. */
public enum ActorKind {
    USER, API_KEY, OPERATOR, SHARE_LINK;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    static ActorKind fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
