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

    /** A moment as the pages write it, in the restaurant's zone: "Fri 4 Dec, 18:00" (the year when not this one). */
    static String readable(Instant instant, ZoneId zone) {
        java.time.ZonedDateTime local = instant.atZone(zone);
        boolean thisYear = local.getYear() == java.time.Year.now(zone).getValue();
        return local.format(thisYear ? READABLE : READABLE_WITH_YEAR);
    }

    /** The zone as an owner names it: "Paris time" for Europe/Paris. */
    static String label(ZoneId zone) {
        String id = zone.getId();
        int slash = id.lastIndexOf('/');
        return slash < 0 ? id : id.substring(slash + 1).replace('_', ' ') + " time";
    }

    private static final java.time.format.DateTimeFormatter READABLE =
            java.time.format.DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", java.util.Locale.ENGLISH);
    private static final java.time.format.DateTimeFormatter READABLE_WITH_YEAR =
            java.time.format.DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", java.util.Locale.ENGLISH);

    static Instant instant(String value, ZoneId zone, String field) {
        return local(value, field).atZone(zone).toInstant();
    }
}
