package io.forkcast.autopilot;

import com.fasterxml.jackson.annotation.JsonValue;
import io.forkcast.shared.jpa.WireNameColumn;
import jakarta.persistence.Converter;

/** What a draft is for: a daily {@code special}, or an {@code occasion} (a public holiday, the restaurant's event). */
public enum DraftKind {
    SPECIAL, OCCASION;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @Override
    public String toString() {
        return wireName();
    }

    @Converter(autoApply = true)
    static class Column extends WireNameColumn<DraftKind> {

        Column() {
            super(DraftKind.class);
        }
    }
}
