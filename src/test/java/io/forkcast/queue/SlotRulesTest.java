package io.forkcast.queue;

import io.forkcast.captions.OpeningHours;
import io.forkcast.captions.Weekday;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The queue's placement rule and the recurrence rule, without the application. */
class SlotRulesTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    private static final UUID A = UUID.randomUUID();
    private static final UUID B = UUID.randomUUID();

    @Test
    void theAutumnChangeUsesARepeatedSlotTimeOnceAtItsFirstOccurrence() {
        // 31 October 2027, 02:30 happens twice in Paris (+02:00, then +01:00).
        LocalDate sunday = LocalDate.of(2027, 10, 31);
        Map<UUID, Set<SlotTime>> slots = Map.of(A, Set.of(new SlotTime(Weekday.SUNDAY, LocalTime.of(2, 30))));
        Instant after = Instant.parse("2027-10-30T12:00:00Z");
        Instant first = SlotWeek.next(slots, List.of(A), PARIS, null, after, after.plusSeconds(86400 * 3),
                Map.of()).orElseThrow();
        assertThat(first).isEqualTo(Instant.parse("2027-10-31T00:30:00Z"));
        Instant next = SlotWeek.next(slots, List.of(A), PARIS, null, after, after.plusSeconds(86400 * 10),
                Map.of(A, Set.of(first))).orElseThrow();
        assertThat(next).isEqualTo(sunday.plusDays(7).atTime(2, 30).atZone(PARIS).toInstant());
    }

    @Test
    void accountsWithoutASharedSlotTimeTakeTheFirstSlotOfEitherFreeOnBoth() {
        LocalDate monday = LocalDate.of(2027, 6, 7);
        Map<UUID, Set<SlotTime>> slots = Map.of(A, Set.of(new SlotTime(Weekday.MONDAY, LocalTime.of(12, 0))),
                B, Set.of(new SlotTime(Weekday.MONDAY, LocalTime.of(9, 0))));
        Instant after = monday.atStartOfDay(PARIS).toInstant();
        Instant nine = monday.atTime(9, 0).atZone(PARIS).toInstant();
        assertThat(SlotWeek.next(slots, List.of(A, B), PARIS, null, after, after.plusSeconds(86400), Map.of()))
                .contains(nine);
        // Nine is taken on A (a pinned post there): both go at noon.
        assertThat(SlotWeek.next(slots, List.of(A, B), PARIS, null, after, after.plusSeconds(86400),
                Map.of(A, Set.of(nine)))).contains(monday.atTime(12, 0).atZone(PARIS).toInstant());
        assertThat(SlotWeek.next(Map.of(), List.of(A), PARIS, null, after, after.plusSeconds(86400 * 30), Map.of()))
                .isEmpty();
    }

    @Test
    void closedHoursAreSkippedOnlyWhenGiven() {
        LocalDate monday = LocalDate.of(2027, 6, 7);
        OpeningHours evenings = new OpeningHours(List.of(new OpeningHours.WeeklyRange(Weekday.MONDAY,
                LocalTime.of(18, 0), LocalTime.of(23, 0))), List.of(), null);
        Map<UUID, Set<SlotTime>> slots = Map.of(A, Set.of(new SlotTime(Weekday.MONDAY, LocalTime.of(12, 0)),
                new SlotTime(Weekday.MONDAY, LocalTime.of(19, 0))));
        Instant after = monday.atStartOfDay(PARIS).toInstant();
        assertThat(SlotWeek.next(slots, List.of(A), PARIS, evenings, after, after.plusSeconds(86400), Map.of()))
                .contains(monday.atTime(19, 0).atZone(PARIS).toInstant());
        assertThat(SlotWeek.next(slots, List.of(A), PARIS, null, after, after.plusSeconds(86400), Map.of()))
                .contains(monday.atTime(12, 0).atZone(PARIS).toInstant());
    }

    @Test
    void weeklyAndEveryNDaysRulesCountTheirOccurrencesAndStop() {
        LocalDate wednesday = LocalDate.of(2027, 6, 9);
        RecurrenceRule weekly = new RecurrenceRule(RecurrenceKind.WEEKLY,
                EnumSet.of(Weekday.MONDAY, Weekday.FRIDAY), null, LocalTime.of(18, 0), wednesday, null, 5);
        assertThat(List.of(1, 2, 3, 4, 5).stream().map(n -> weekly.date(n).orElseThrow()).toList())
                .containsExactly(LocalDate.of(2027, 6, 11), LocalDate.of(2027, 6, 14), LocalDate.of(2027, 6, 18),
                        LocalDate.of(2027, 6, 21), LocalDate.of(2027, 6, 25));
        assertThat(weekly.date(6)).isEmpty();
        assertThat(weekly.date(0)).isEmpty();
        RecurrenceRule everyThree = new RecurrenceRule(RecurrenceKind.EVERY_N_DAYS, Set.of(), 3,
                LocalTime.of(9, 0), wednesday, LocalDate.of(2027, 6, 15), null);
        assertThat(everyThree.date(3)).contains(LocalDate.of(2027, 6, 15));
        assertThat(everyThree.date(4)).isEmpty();
        assertThat(weekly.date(1000)).isEmpty();
        RecurrenceRule endless = new RecurrenceRule(RecurrenceKind.WEEKLY, EnumSet.of(Weekday.WEDNESDAY), null,
                LocalTime.NOON, wednesday, null, null);
        assertThat(endless.date(53)).contains(wednesday.plusWeeks(52));
    }
}
