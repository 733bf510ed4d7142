package io.forkcast.queue;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** How a recurring post repeats: {@code weekly} on given days, or {@code every_n_days}. */
public enum RecurrenceKind {
    WEEKLY, EVERY_N_DAYS;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static RecurrenceKind fromWire(String wire) {
        return valueOf(wire.toUpperCase(Locale.ROOT));
    }
}
