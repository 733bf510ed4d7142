package io.forkcast.captions;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * When a caption goes out, seen against the opening hours: a sentence for the prompt, and the time words the
 * caption must not hold because the time says otherwise ("now" while closed, "tonight" after 23:00 or when the
 * evening is closed, "today" when nothing opens for the rest of the day). Without a time, nothing is forbidden.
 *
 * @param described the sentence for the prompt ({@code -} without a time)
 * @param forbiddenWords words the caption must not contain, added to the banned words for this caption
 */
record PostTiming(String described, List<String> forbiddenWords) {

    static final List<String> NOW = List.of("now", "right now");
    static final List<String> TONIGHT = List.of("tonight", "this evening");
    static final List<String> TODAY = List.of("today");
    /** From when "tonight" is about the evening to come, and until when, in the small hours, it is not. */
    private static final LocalTime EVENING = LocalTime.of(17, 0);
    private static final int LAST_TONIGHT_HOUR = 22;
    private static final int FIRST_TONIGHT_HOUR = 5;

    PostTiming {
        forbiddenWords = List.copyOf(forbiddenWords);
    }

    static PostTiming unknown() {
        return new PostTiming("-", List.of());
    }

    static PostTiming of(Instant at, ZoneId zone, OpeningHours hours) {
        if (at == null) {
            return unknown();
        }
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        List<String> forbidden = new ArrayList<>();
        StringBuilder described = new StringBuilder("The post goes out on " + OpeningHours.spoken(local) + " ("
                + zone.getId() + ").");
        boolean open = hours.isOpen(local);
        if (!hours.known()) {
            described.append(" The opening hours are not known.");
        } else if (open) {
            described.append(" The restaurant is open then.");
        } else {
            forbidden.addAll(NOW);
            Optional<Instant> next = hours.nextOpen(at, zone);
            described.append(" The restaurant is closed then").append(next
                    .map(n -> "; it next opens on " + OpeningHours.spoken(LocalDateTime.ofInstant(n, zone)) + ".")
                    .orElse("."));
        }
        int hour = local.getHour();
        if (hour < FIRST_TONIGHT_HOUR || hour > LAST_TONIGHT_HOUR
                || hours.known() && !hours.opensLaterThatDay(local, EVENING)) {
            forbidden.addAll(TONIGHT);
        }
        if (hours.known() && !hours.opensLaterThatDay(local, LocalTime.MIDNIGHT)) {
            forbidden.addAll(TODAY);
        }
        if (!forbidden.isEmpty()) {
            described.append(" So never write ").append(String.join(", ", forbidden.stream()
                    .map(w -> "\"" + w + "\"").toList())).append(": the time says otherwise.");
        }
        return new PostTiming(described.toString(), forbidden);
    }

    /** Whether a line holds one of the forbidden words (as a whole word, any case). */
    boolean forbids(String line) {
        return forbiddenWords.stream().anyMatch(word -> Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])"
                + Pattern.quote(word) + "(?![\\p{L}\\p{N}])").matcher(line).find());
    }
}
