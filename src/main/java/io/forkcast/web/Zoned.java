package io.forkcast.web;

import io.forkcast.shared.InvalidFieldException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;

/** Dates and times as the owner types them: local to the restaurant's time zone. */
final class Zoned {

    private Zoned() {
    }

    /**
     * The instant of a {@code datetime-local} value in the zone. A time the clocks skip (spring forward) moves
     * forward by the gap; an ambiguous one (fall back) takes the earlier offset, as {@link java.time.ZonedDateTime}
     * does.
     */
    static LocalDateTime local(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "is required: pick a date and a time");
        }
        try {
            return LocalDateTime.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be a date and time such as 2026-05-31T19:30");
        }
    }

    static Instant instant(String value, ZoneId zone, String field) {
        return local(value, field).atZone(zone).toInstant();
    }
}
