package io.forkcast.approvals;

import com.fasterxml.jackson.annotation.JsonValue;

/** What happened to a post on its way to approval: asked for, approved, sent back for changes, rejected. */
public enum ApprovalAction {
    REQUESTED, APPROVED, CHANGES_REQUESTED, REJECTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    static ApprovalAction fromWire(String value) {
        return valueOf(value.toUpperCase());
    }
}
