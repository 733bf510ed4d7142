package io.forkcast.captions;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.DayOfWeek;

/** A day of the week as the API writes it ({@code monday} … {@code sunday}). */
public enum Weekday {
    MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    public DayOfWeek dayOfWeek() {
        return DayOfWeek.valueOf(name());
    }

    public static Weekday of(DayOfWeek day) {
        return values()[day.ordinal()];
    }
}
