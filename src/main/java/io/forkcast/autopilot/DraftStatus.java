package io.forkcast.autopilot;

import com.fasterxml.jackson.annotation.JsonValue;
import io.forkcast.shared.jpa.WireNameColumn;
import jakarta.persistence.Converter;

/** Where a draft is: {@code pending} the owner's choice, {@code published} (a post was made), {@code dismissed}. */
public enum DraftStatus {
    PENDING, PUBLISHED, DISMISSED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @Override
    public String toString() {
        return wireName();
    }

    @Converter(autoApply = true)
    static class Column extends WireNameColumn<DraftStatus> {

        Column() {
            super(DraftStatus.class);
        }
    }
}
