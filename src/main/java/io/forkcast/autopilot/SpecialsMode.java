package io.forkcast.autopilot;

import com.fasterxml.jackson.annotation.JsonValue;
import io.forkcast.shared.jpa.WireNameColumn;
import jakarta.persistence.Converter;

/** What happens to a daily special's post when its time comes: a {@code draft} to approve, or {@code publish}ed. */
public enum SpecialsMode {
    DRAFT, PUBLISH;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @Override
    public String toString() {
        return wireName();
    }

    @Converter(autoApply = true)
    static class Column extends WireNameColumn<SpecialsMode> {

        Column() {
            super(SpecialsMode.class);
        }
    }
}
