package io.forkcast.queue;

import io.forkcast.captions.Weekday;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Optional;
import java.util.Set;

/**
 * When a recurring post's occurrences fall, as local dates and one local time: weekly on the given days, or every N
 * days, from {@code startsOn}, until {@code until} (inclusive) or {@code count} occurrences, or on and on.
 */
record RecurrenceRule(RecurrenceKind kind, Set<Weekday> days, Integer everyDays, LocalTime time, LocalDate startsOn,
        LocalDate until, Integer count) {

    /** The date of occurrence {@code number} (1 is the first); empty past the count or the until date. */
    Optional<LocalDate> date(int number) {
        if (number < 1 || count != null && number > count) {
            return Optional.empty();
        }
        LocalDate date;
        if (kind == RecurrenceKind.EVERY_N_DAYS) {
            date = startsOn.plusDays((long) (number - 1) * everyDays);
        } else {
            // Whole weeks first, then day by day through the last one: bounded whatever the number.
            int perWeek = days.size();
            int weeks = (number - 1) / perWeek;
            int left = number - weeks * perWeek;
            date = startsOn.plusWeeks(weeks).minusDays(1);
            while (left > 0) {
                date = date.plusDays(1);
                if (days.contains(Weekday.of(date.getDayOfWeek()))) {
                    left--;
                }
            }
        }
        return until != null && date.isAfter(until) ? Optional.empty() : Optional.of(date);
    }
}
