package io.forkcast.captions;

import io.forkcast.shared.InvalidFieldException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * When the restaurant is open, in its own time zone: weekly ranges (several a day; a range whose {@code closes} is
 * not after its {@code opens} runs past midnight into the next day, and {@code opens == closes} is open 24 hours),
 * and dated exceptions that replace the weekly ranges of their date (closed all day, or special ranges). A range
 * belongs to the day it opens on, so Friday 18:00–02:00 keeps Saturday 01:00 open whatever Saturday says. With no
 * weekly range at all the hours are unknown: nothing is refused because of them.
 *
 * @param weekly the usual week
 * @param exceptions dated changes (a holiday closed, a long night), one per date
 * @param updatedAt when they were last saved, {@code null} while never set
 */
public record OpeningHours(
        @Size(max = 70) List<@NotNull @Valid WeeklyRange> weekly,
        @Size(max = 400) List<@NotNull @Valid DatedHours> exceptions,
        Instant updatedAt) {

    /** The longest stretch looked through for the next opening: a restaurant closed longer gets no suggestion. */
    public static final int SEARCH_DAYS = 62;

    public OpeningHours {
        weekly = weekly == null ? List.of() : weekly.stream()
                .sorted(Comparator.comparing(WeeklyRange::day).thenComparing(WeeklyRange::opens)).toList();
        exceptions = exceptions == null ? List.of()
                : exceptions.stream().sorted(Comparator.comparing(DatedHours::date)).toList();
    }

    /** What differs from {@code before}, in a few words for the audit trail ("the week", "dated exceptions (3)"). */
    String changedFrom(OpeningHours before) {
        List<String> changed = new ArrayList<>();
        if (!weekly.equals(before.weekly())) {
            changed.add("the week");
        }
        if (!exceptions.equals(before.exceptions())) {
            changed.add("dated exceptions (" + exceptions.size() + ")");
        }
        return changed.isEmpty() ? "saved unchanged" : String.join(", ", changed);
    }

    /** One range of a weekday. */
    public record WeeklyRange(@NotNull Weekday day, @NotNull LocalTime opens, @NotNull LocalTime closes) {
    }

    /** One range of an exception's date. */
    public record Range(@NotNull LocalTime opens, @NotNull LocalTime closes) {
    }

    /**
     * A date that differs from the usual week: {@code closed} all day, or open during {@code ranges} only.
     *
     * @param note what it is, for the owner ("Christmas", "Jazz night")
     */
    public record DatedHours(@NotNull LocalDate date, boolean closed,
            @Size(max = 6) List<@NotNull @Valid Range> ranges, @Size(max = 200) String note) {

        public DatedHours {
            ranges = ranges == null ? List.of() : List.copyOf(ranges);
        }
    }

    /** A stretch of open time in local date-times: from {@code opens} (inclusive) to {@code closes} (exclusive). */
    public record Opening(LocalDateTime opens, LocalDateTime closes) {

        boolean contains(LocalDateTime time) {
            return !time.isBefore(opens) && time.isBefore(closes);
        }
    }

    private static final DateTimeFormatter SPOKEN = DateTimeFormatter.ofPattern("EEEE d MMMM 'at' HH:mm",
            Locale.ENGLISH);

    /** A local time as an owner says it: {@code Tuesday 3 March at 18:00}. */
    public static String spoken(LocalDateTime time) {
        return SPOKEN.format(time);
    }

    /** Hours never set. */
    public static OpeningHours unknown() {
        return new OpeningHours(List.of(), List.of(), null);
    }

    /** Whether the usual week is known; without it no time counts as closed. */
    public boolean known() {
        return !weekly.isEmpty();
    }

    /** The openings that start on {@code date}: its exception's ranges if it has one, else its weekday's. */
    public List<Opening> openingsStarting(LocalDate date) {
        List<Opening> openings = new ArrayList<>();
        Optional<DatedHours> exception = exceptions.stream().filter(e -> e.date().equals(date)).findFirst();
        if (exception.isPresent()) {
            if (!exception.get().closed()) {
                exception.get().ranges().forEach(r -> openings.add(opening(date, r.opens(), r.closes())));
            }
        } else {
            Weekday day = Weekday.of(date.getDayOfWeek());
            weekly.stream().filter(r -> r.day() == day)
                    .forEach(r -> openings.add(opening(date, r.opens(), r.closes())));
        }
        return openings;
    }

    /** Whether the restaurant is open at a local time (true while the hours are unknown). */
    public boolean isOpen(LocalDateTime time) {
        if (!known()) {
            return true;
        }
        return openingsStarting(time.toLocalDate()).stream().anyMatch(o -> o.contains(time))
                || openingsStarting(time.toLocalDate().minusDays(1)).stream().anyMatch(o -> o.contains(time));
    }

    public boolean isOpen(Instant instant, ZoneId zone) {
        return isOpen(LocalDateTime.ofInstant(instant, zone));
    }

    /**
     * The first moment at or after {@code from} when the restaurant is open: {@code from} itself while open, else
     * the next opening (a local opening time that a DST gap skips opens at the first instant after the gap). Empty
     * when nothing opens within {@value #SEARCH_DAYS} days.
     */
    public Optional<Instant> nextOpen(Instant from, ZoneId zone) {
        if (isOpen(from, zone)) {
            return Optional.of(from);
        }
        LocalDate day = LocalDateTime.ofInstant(from, zone).toLocalDate();
        for (int i = 0; i <= SEARCH_DAYS; i++) {
            Optional<Instant> next = openingsStarting(day.plusDays(i)).stream()
                    .map(o -> o.opens().atZone(zone).toInstant())
                    .filter(opens -> opens.isAfter(from))
                    .min(Comparator.naturalOrder());
            if (next.isPresent()) {
                return next;
            }
        }
        return Optional.empty();
    }

    /** Whether any opening overlaps the rest of {@code time}'s day after it from {@code notBefore} (local). */
    boolean opensLaterThatDay(LocalDateTime time, LocalTime notBefore) {
        LocalDateTime from = time.toLocalTime().isBefore(notBefore) ? time.toLocalDate().atTime(notBefore) : time;
        LocalDateTime endOfDay = time.toLocalDate().plusDays(1).atStartOfDay();
        if (!from.isBefore(endOfDay)) {
            return false;
        }
        List<Opening> candidates = new ArrayList<>(openingsStarting(time.toLocalDate()));
        candidates.addAll(openingsStarting(time.toLocalDate().minusDays(1)));
        return candidates.stream().anyMatch(o -> o.opens().isBefore(endOfDay) && o.closes().isAfter(from));
    }

    /**
     * Rules beyond Bean Validation, with the field at fault: an exception closed with ranges or open without any,
     * two exceptions on one date, ranges of one day that overlap.
     */
    public void check() {
        for (Weekday day : Weekday.values()) {
            List<Range> ranges = weekly.stream().filter(r -> r.day() == day)
                    .map(r -> new Range(r.opens(), r.closes())).toList();
            overlap(ranges).ifPresent(problem -> {
                throw new InvalidFieldException("weekly", day.wireName() + ": " + problem);
            });
        }
        Set<LocalDate> dates = new HashSet<>();
        for (DatedHours exception : exceptions) {
            if (!dates.add(exception.date())) {
                throw new InvalidFieldException("exceptions", exception.date() + " is given twice; keep one.");
            }
            if (exception.closed() && !exception.ranges().isEmpty()) {
                throw new InvalidFieldException("exceptions", exception.date()
                        + " is closed and has ranges; give one or the other.");
            }
            if (!exception.closed() && exception.ranges().isEmpty()) {
                throw new InvalidFieldException("exceptions", exception.date()
                        + " needs ranges, or closed: true.");
            }
            overlap(exception.ranges()).ifPresent(problem -> {
                throw new InvalidFieldException("exceptions", exception.date() + ": " + problem);
            });
        }
    }

    private static Optional<String> overlap(List<Range> ranges) {
        LocalDate day = LocalDate.of(2000, 1, 3);
        List<Opening> openings = ranges.stream().map(r -> opening(day, r.opens(), r.closes()))
                .sorted(Comparator.comparing(Opening::opens)).toList();
        for (int i = 1; i < openings.size(); i++) {
            if (openings.get(i).opens().isBefore(openings.get(i - 1).closes())) {
                return Optional.of("the ranges opening at " + openings.get(i - 1).opens().toLocalTime() + " and "
                        + openings.get(i).opens().toLocalTime() + " overlap.");
            }
        }
        return Optional.empty();
    }

    private static Opening opening(LocalDate date, LocalTime opens, LocalTime closes) {
        LocalDate closingDay = closes.isAfter(opens) ? date : date.plusDays(1);
        return new Opening(date.atTime(opens), closingDay.atTime(closes));
    }
}
