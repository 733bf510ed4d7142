package io.forkcast.captions;

import io.forkcast.shared.InvalidFieldException;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The opening-hours rules: overnight ranges, exceptions, the next opening (also across DST changes), checks. */
class OpeningHoursTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** A Friday. */
    private static final LocalDate FRIDAY = LocalDate.of(2026, 3, 27);

    /** Lunch 12:00–14:30 and dinner 18:00–23:00 every day, Friday dinner until 02:00; closed on Mondays. */
    private static final List<OpeningHours.WeeklyRange> WEEK = List.of(
            range(Weekday.TUESDAY, "12:00", "14:30"), range(Weekday.TUESDAY, "18:00", "23:00"),
            range(Weekday.WEDNESDAY, "12:00", "14:30"), range(Weekday.WEDNESDAY, "18:00", "23:00"),
            range(Weekday.THURSDAY, "12:00", "14:30"), range(Weekday.THURSDAY, "18:00", "23:00"),
            range(Weekday.FRIDAY, "12:00", "14:30"), range(Weekday.FRIDAY, "18:00", "02:00"),
            range(Weekday.SATURDAY, "18:00", "23:00"), range(Weekday.SUNDAY, "12:00", "15:00"));

    @Test
    void anOvernightRangeKeepsTheSmallHoursOfTheNextDayOpen() {
        OpeningHours hours = new OpeningHours(WEEK, List.of(), null);

        assertThat(hours.isOpen(FRIDAY.atTime(23, 30))).isTrue();
        assertThat(hours.isOpen(FRIDAY.plusDays(1).atTime(1, 59))).isTrue();
        assertThat(hours.isOpen(FRIDAY.plusDays(1).atTime(2, 0))).isFalse();
        assertThat(hours.isOpen(FRIDAY.atTime(15, 0))).isFalse();
        assertThat(hours.isOpen(FRIDAY.atTime(12, 0))).isTrue();
        assertThat(hours.isOpen(FRIDAY.atTime(14, 30))).isFalse();
        // Thursday dinner ends at 23:00: Friday 01:00 is closed.
        assertThat(hours.isOpen(FRIDAY.atTime(1, 0))).isFalse();
    }

    @Test
    void aClosedExceptionReplacesItsDayButNotTheNightBefore() {
        OpeningHours hours = new OpeningHours(WEEK, List.of(
                new OpeningHours.DatedHours(FRIDAY.plusDays(1), true, List.of(), "Staff party")), null);

        assertThat(hours.isOpen(FRIDAY.plusDays(1).atTime(1, 0))).as("Friday's night still runs").isTrue();
        assertThat(hours.isOpen(FRIDAY.plusDays(1).atTime(19, 0))).isFalse();
        assertThat(hours.isOpen(FRIDAY.plusDays(2).atTime(13, 0))).isTrue();
    }

    @Test
    void specialHoursReplaceTheWeekOnTheirDate() {
        OpeningHours hours = new OpeningHours(WEEK, List.of(new OpeningHours.DatedHours(FRIDAY, false,
                List.of(new OpeningHours.Range(LocalTime.of(20, 0), LocalTime.of(4, 0))), "Jazz night")), null);

        assertThat(hours.isOpen(FRIDAY.atTime(13, 0))).isFalse();
        assertThat(hours.isOpen(FRIDAY.plusDays(1).atTime(3, 30))).isTrue();
    }

    @Test
    void theNextOpeningIsTheFirstOneAfterTheTime() {
        OpeningHours hours = new OpeningHours(WEEK, List.of(), null);
        Instant twoAmTuesday = FRIDAY.plusDays(4).atTime(2, 0).atZone(PARIS).toInstant();
        Instant sundayEvening = FRIDAY.plusDays(2).atTime(20, 0).atZone(PARIS).toInstant();

        assertThat(hours.nextOpen(twoAmTuesday, PARIS)).contains(FRIDAY.plusDays(4).atTime(12, 0).atZone(PARIS)
                .toInstant());
        // Closed on Monday: Sunday evening's next opening is Tuesday lunch.
        assertThat(hours.nextOpen(sundayEvening, PARIS)).contains(FRIDAY.plusDays(4).atTime(12, 0).atZone(PARIS)
                .toInstant());
        Instant open = FRIDAY.atTime(19, 0).atZone(PARIS).toInstant();
        assertThat(hours.nextOpen(open, PARIS)).contains(open);
    }

    @Test
    void anOpeningInsideTheSpringGapOpensRightAfterIt() {
        // Paris skips from 02:00 to 03:00 on Sunday 29 March 2026; a bakery opens at 02:30 that night.
        LocalDate change = LocalDate.of(2026, 3, 29);
        OpeningHours hours = new OpeningHours(List.of(range(Weekday.SUNDAY, "02:30", "10:00")), List.of(), null);
        Instant saturdayNight = change.minusDays(1).atTime(23, 0).atZone(PARIS).toInstant();

        Instant next = hours.nextOpen(saturdayNight, PARIS).orElseThrow();

        assertThat(next).isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        assertThat(LocalDateTime.ofInstant(next, PARIS)).isEqualTo(change.atTime(3, 30));
        assertThat(hours.isOpen(next, PARIS)).isTrue();
    }

    @Test
    void unknownHoursAreNeverClosed() {
        OpeningHours hours = OpeningHours.unknown();

        assertThat(hours.known()).isFalse();
        assertThat(hours.isOpen(FRIDAY.atTime(3, 0))).isTrue();
    }

    @Test
    void aRestaurantClosedForMonthsHasNoNextOpening() {
        OpeningHours hours = new OpeningHours(List.of(range(Weekday.MONDAY, "12:00", "14:00")),
                java.util.stream.IntStream.range(0, 80).mapToObj(i -> new OpeningHours.DatedHours(
                        FRIDAY.plusDays(i), true, List.of(), null)).toList(), null);

        assertThat(hours.nextOpen(FRIDAY.atTime(9, 0).atZone(PARIS).toInstant(), PARIS)).isEmpty();
    }

    @Test
    void overlapsAndContradictionsAreRefusedNamingTheField() {
        assertThatThrownBy(() -> new OpeningHours(List.of(range(Weekday.FRIDAY, "18:00", "02:00"),
                range(Weekday.FRIDAY, "23:00", "23:30")), List.of(), null).check())
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("friday")
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("weekly");
        assertThatThrownBy(() -> new OpeningHours(WEEK, List.of(new OpeningHours.DatedHours(FRIDAY, true,
                List.of(new OpeningHours.Range(LocalTime.NOON, LocalTime.of(13, 0))), null)), null).check())
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("exceptions");
        assertThatThrownBy(() -> new OpeningHours(WEEK, List.of(new OpeningHours.DatedHours(FRIDAY, false,
                List.of(), null)), null).check()).hasMessageContaining("needs ranges");
        assertThatThrownBy(() -> new OpeningHours(WEEK, List.of(
                new OpeningHours.DatedHours(FRIDAY, true, List.of(), null),
                new OpeningHours.DatedHours(FRIDAY, true, List.of(), null)), null).check())
                .hasMessageContaining("twice");
    }

    static OpeningHours.WeeklyRange range(Weekday day, String opens, String closes) {
        return new OpeningHours.WeeklyRange(day, LocalTime.parse(opens), LocalTime.parse(closes));
    }
}
