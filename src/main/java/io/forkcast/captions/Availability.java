package io.forkcast.captions;

import com.fasterxml.jackson.annotation.JsonValue;
import io.forkcast.shared.jpa.WireNameColumn;
import jakarta.persistence.Converter;

/** Whether a menu item can be ordered: {@code available}, or {@code sold_out} (until a time, or until said again). */
public enum Availability {
    AVAILABLE, SOLD_OUT;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @Override
    public String toString() {
        return wireName();
    }

    @Converter(autoApply = true)
    static class Column extends WireNameColumn<Availability> {

        Column() {
            super(Availability.class);
        }
    }
}
