package io.forkcast.web;

import io.forkcast.captions.OpeningHours;
import io.forkcast.captions.Weekday;
import io.forkcast.shared.InvalidFieldException;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The opening hours as the settings form writes them: per weekday a list of ranges ({@code 12:00-14:30,
 * 18:00-02:00}, empty when closed), and one exception a line ({@code 2026-12-25 closed} or {@code 2026-12-31
 * 18:00-02:00 New Year's Eve}); and back, for the form's values and the week view.
 */
final class OpeningHoursForm {

    private static final Pattern RANGE = Pattern.compile("\\s*(\\d{1,2}[:.h]\\d{2})\\s*[-–]\\s*(\\d{1,2}[:.h]\\d{2})\\s*");
    private static final Pattern EXCEPTION = Pattern.compile(
            "\\s*(\\d{4}-\\d{2}-\\d{2})\\s+(closed|(?:\\d{1,2}[:.h]\\d{2}\\s*[-–]\\s*\\d{1,2}[:.h]\\d{2}\\s*,?\\s*)+)(.*)",
            Pattern.CASE_INSENSITIVE);

    /** One day of the week view: its date, its ranges as text, and the exception's note if it has one. */
    record Day(LocalDate date, String ranges, String note) {
    }

    private OpeningHoursForm() {
    }

    static OpeningHours parse(Map<Weekday, String> week, String exceptions) {
        List<OpeningHours.WeeklyRange> weekly = new ArrayList<>();
        week.forEach((day, text) -> ranges(text, "hours_" + day.wireName()).forEach(r ->
                weekly.add(new OpeningHours.WeeklyRange(day, r.opens(), r.closes()))));
        List<OpeningHours.DatedHours> dated = new ArrayList<>();
        for (String line : exceptions == null ? new String[0] : exceptions.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            Matcher m = EXCEPTION.matcher(line.strip());
            if (!m.matches()) {
                throw new InvalidFieldException("exceptions", "\"" + line.strip() + "\" is not a date followed by "
                        + "closed or ranges, such as 2026-12-25 closed or 2026-12-31 18:00-02:00 New Year's Eve");
            }
            LocalDate date;
            try {
                date = LocalDate.parse(m.group(1));
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException("exceptions", m.group(1) + " is not a date");
            }
            boolean closed = m.group(2).equalsIgnoreCase("closed");
            String note = m.group(3).strip();
            dated.add(new OpeningHours.DatedHours(date, closed,
                    closed ? List.of() : ranges(m.group(2), "exceptions"), note.isEmpty() ? null : note));
        }
        return new OpeningHours(weekly, dated, null);
    }

    /** A weekday's ranges as the form writes them. */
    static String text(OpeningHours hours, Weekday day) {
        return String.join(", ", hours.weekly().stream().filter(r -> r.day() == day)
                .map(r -> r.opens() + "-" + r.closes()).toList());
    }

    /** The exceptions, one a line. */
    static String exceptions(OpeningHours hours) {
        return String.join("\n", hours.exceptions().stream().map(e -> e.date() + " "
                + (e.closed() ? "closed" : String.join(", ", e.ranges().stream()
                .map(r -> r.opens() + "-" + r.closes()).toList()))
                + (e.note() == null ? "" : " " + e.note())).toList());
    }

    /** The seven days from {@code today}, exceptions applied. */
    static List<Day> week(OpeningHours hours, LocalDate today) {
        List<Day> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            LocalDate date = today.plusDays(i);
            List<String> ranges = hours.openingsStarting(date).stream()
                    .map(o -> o.opens().toLocalTime() + "–" + o.closes().toLocalTime()).toList();
            String note = hours.exceptions().stream().filter(e -> e.date().equals(date)).findFirst()
                    .map(e -> e.note() == null ? "Changed hours" : e.note()).orElse(null);
            days.add(new Day(date, ranges.isEmpty() ? "Closed" : String.join(", ", ranges), note));
        }
        return days;
    }

    private static List<OpeningHours.Range> ranges(String text, String field) {
        List<OpeningHours.Range> ranges = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return ranges;
        }
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            Matcher m = RANGE.matcher(part);
            if (!m.matches()) {
                throw new InvalidFieldException(field, "\"" + part.strip() + "\" is not a range such as 18:00-23:00");
            }
            ranges.add(new OpeningHours.Range(time(m.group(1), field), time(m.group(2), field)));
        }
        return ranges;
    }

    private static LocalTime time(String text, String field) {
        String normal = text.replace('.', ':').replace('h', ':');
        try {
            return LocalTime.parse(normal.length() == 4 ? "0" + normal : normal);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, text + " is not a time of day such as 18:00");
        }
    }
}
