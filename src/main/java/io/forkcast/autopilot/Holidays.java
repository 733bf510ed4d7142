package io.forkcast.autopilot;

import de.focus_shift.jollyday.core.Holiday;
import de.focus_shift.jollyday.core.HolidayManager;
import de.focus_shift.jollyday.core.HolidayType;
import de.focus_shift.jollyday.core.ManagerParameters;
import org.springframework.stereotype.Component;

import java.time.LocalDate;
import java.time.Year;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Public holidays of a country and, optionally, one of its regions, from the Jollyday library (maintained holiday
 * rules per country and region, read from the data it ships; nothing is fetched at run time). Only official public
 * holidays are listed, named in English.
 */
@Component
class Holidays {

    /** A public holiday: its date and its name. */
    record PublicHoliday(LocalDate date, String name) {
    }

    /** Whether the library knows the country (an ISO 3166 code, any case). */
    boolean knows(String country) {
        return code(country) != null;
    }

    /** The library's own spelling of the country's calendar code; null when it has none. */
    private static String code(String country) {
        return HolidayManager.getSupportedCalendarCodes().stream().filter(c -> c.equalsIgnoreCase(country))
                .findFirst().orElse(null);
    }

    /** The public holidays from {@code from} to {@code to} inclusive, by date; none for an unknown country. */
    List<PublicHoliday> between(String country, String region, LocalDate from, LocalDate to) {
        String code = country == null ? null : code(country);
        if (code == null) {
            return List.of();
        }
        HolidayManager manager = HolidayManager.getInstance(ManagerParameters.create(code));
        String[] regions = region == null ? new String[0] : new String[] {region.toLowerCase(Locale.ROOT)};
        Set<Holiday> found = new TreeSet<>();
        for (int year = from.getYear(); year <= to.getYear(); year++) {
            found.addAll(manager.getHolidays(Year.of(year), HolidayType.PUBLIC_HOLIDAY, regions));
        }
        List<PublicHoliday> holidays = new ArrayList<>();
        for (Holiday holiday : found) {
            LocalDate date = holiday.getActualDate();
            if (!date.isBefore(from) && !date.isAfter(to)) {
                holidays.add(new PublicHoliday(date, holiday.getDescription(Locale.ENGLISH)));
            }
        }
        holidays.sort(Comparator.comparing(PublicHoliday::date).thenComparing(PublicHoliday::name));
        return holidays;
    }
}
