package io.forkcast.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.TextStyle;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Time zones as an owner picks one: the common ones first, then every city of the IANA database by region, each
 * named as people say it ("Paris, Europe · Central European Time · UTC+01:00"), without the database's aliases
 * and legacy ids (such as {@code SystemV/AST4} or {@code Etc/GMT+3}).
 */
final class TimeZones {

    /** A zone as the picker shows it. */
    record Choice(String id, String label) {
    }

    /** Where most restaurants are: offered first. */
    static final List<String> COMMON = List.of("Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris",
            "Europe/Brussels", "Europe/Amsterdam", "Europe/Berlin", "Europe/Zurich", "Europe/Madrid", "Europe/Rome",
            "Europe/Athens", "America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles",
            "America/Toronto", "America/Mexico_City", "America/Sao_Paulo", "Asia/Dubai", "Asia/Kolkata",
            "Asia/Singapore", "Asia/Tokyo", "Australia/Sydney", "Pacific/Auckland", "UTC");

    private static final Pattern CITY = Pattern.compile(
            "(Africa|America|Antarctica|Asia|Atlantic|Australia|Europe|Indian|Pacific)/[A-Za-z_\\-]+(/[A-Za-z_\\-]+)?");

    private TimeZones() {
    }

    static List<Choice> common(Instant now) {
        return COMMON.stream().map(id -> choice(ZoneId.of(id), now)).toList();
    }

    /** Every city zone by name, and {@code current} even when it is one of the legacy ids. */
    static List<Choice> all(ZoneId current, Instant now) {
        return ZoneId.getAvailableZoneIds().stream()
                .filter(id -> CITY.matcher(id).matches() || id.equals(current.getId()))
                .sorted(Comparator.comparing(TimeZones::city).thenComparing(id -> id))
                .map(id -> choice(ZoneId.of(id), now)).toList();
    }

    static Choice choice(ZoneId zone, Instant now) {
        return new Choice(zone.getId(), label(zone, now));
    }

    /** "Paris, Europe · Central European Time · UTC+01:00", or "UTC". */
    static String label(ZoneId zone, Instant now) {
        String id = zone.getId();
        ZoneOffset offset = zone.getRules().getOffset(now);
        String utc = "UTC" + (offset.getTotalSeconds() == 0 ? "" : offset.getId());
        if (!id.contains("/")) {
            return id.equals("UTC") ? "UTC (Coordinated Universal Time)" : id + " · " + utc;
        }
        String[] parts = id.split("/");
        String place = city(id) + ", " + parts[0] + (parts.length > 2 ? " (" + parts[1].replace('_', ' ') + ")" : "");
        String name = zone.getDisplayName(TextStyle.FULL_STANDALONE, Locale.ENGLISH);
        return place + " · " + name + " · " + utc;
    }

    private static String city(String id) {
        return id.substring(id.lastIndexOf('/') + 1).replace('_', ' ');
    }
}
