package io.forkcast.sandbox.openai;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's state (queued faults, the last requests seen) and its writing: a caption composed from what
 * the prompt says (restaurant, item, description, tone, platform, hashtags), opening with a word none of the
 * prompt's recent captions started with. It echoes the item description as given, prompt injection included,
 * so the caller's own rules are what keeps the output in line.
 */
@Component
@ConditionalOnProperty(name = "forkcast.sandbox.enabled", havingValue = "true", matchIfMissing = true)
class OpenAiSimulator {

    static final int MAX_RECORDED = 100;

    /** A call the simulator received: the endpoint, the model, the message texts and image parts (never the key). */
    record SeenRequest(String endpoint, String model, List<String> messages, int images) {
    }

    private static final Map<String, List<String>> OPENERS = Map.of(
            "friendly", List.of("Hello", "Welcome", "Hungry", "Come", "Treat", "Guess", "Say", "Craving", "Stop",
                    "Bring", "Today", "Fresh", "Look", "Meet", "Good", "Pull", "Lunch", "Ever", "Warm", "Just",
                    "Everyone", "Here", "Made", "Nothing"),
            "upscale", List.of("Introducing", "Tonight", "Discover", "Savour", "Crafted", "Refined", "Composed",
                    "Quietly", "Elegance", "Presenting", "Considered", "Artistry", "Precision", "Allow", "Evenings",
                    "Balance", "Graceful", "Understated", "Reserved", "Seasoned", "Few", "From", "With", "Taste"),
            "playful", List.of("Psst", "Oops", "Warning", "Plot", "Breaking", "Spoiler", "Confession", "Alert",
                    "Mood", "Legend", "Houston", "Officially", "Knock", "Dear", "Swipe", "Yes", "Zero", "Caution",
                    "Brb", "Fun", "Hot", "Roses", "Unpopular", "Relationship"),
            "casual", List.of("So", "Okay", "Honestly", "Swing", "Grab", "Chill", "Quick", "Heads", "Popping",
                    "Simple", "Kicking", "Real", "Easy", "Keeping", "Weeknight", "Got", "Pretty", "Low", "Anyone",
                    "Taking", "Call", "All", "Hanging", "Just"),
            "festive", List.of("Cheers", "Celebrate", "Raise", "Gather", "Sparkle", "Toast", "Joy", "Deck", "Party",
                    "Confetti", "Ring", "Holiday", "Let", "Make", "Festive", "Happy", "Bring", "Special", "Light",
                    "Dress", "Everybody", "Family", "Count", "Big"));
    private static final List<String> MIDDLES = List.of("{Tone} news from {restaurant}: {item} is on the menu.",
            "{item} is waiting for you at {restaurant}.", "At {restaurant} we made {item} for you.",
            "Our pick today: {item}, only at {restaurant}.", "{item}, the way {restaurant} does it.",
            "Ask the {restaurant} team for {item}.", "Nothing says {tone} like {item}.",
            "The kitchen just sent out {item}.", "{item} is back, and it missed you.",
            "Tables are filling up for {item}.", "One plate we keep coming back to: {item}.",
            "Say the word and {item} is yours.", "Here is why people cross town for {item}.",
            "{item}: simple food, done with care.");
    private static final List<String> TAGS = List.of("#eatlocal", "#yum", "#dinnertime", "#goodeats",
            "#chefspecial", "#tasty", "#foodlover", "#foodie", "#instafood", "#nomnom", "#eatwell", "#supportlocal",
            "#freshfood");
    private static final List<String> ENDINGS = List.of("See you soon.", "Come hungry.", "Book your table.",
            "Tell your friends.", "We saved you a seat.", "Drop by today.", "Bring an appetite.",
            "Doors open at noon.", "Reservations recommended.", "Share it, or don't.", "Ask for it by name.");

    private final Deque<OpenAiFault> faults = new ArrayDeque<>();
    private final Deque<SeenRequest> seen = new ArrayDeque<>();
    private final AtomicLong counter = new AtomicLong();

    synchronized void inject(OpenAiFault fault) {
        int count = fault.count() == null ? 1 : fault.count();
        for (int i = 0; i < count; i++) {
            faults.addLast(fault);
        }
    }

    synchronized void reset() {
        faults.clear();
        seen.clear();
    }

    synchronized Optional<OpenAiFault> nextFault() {
        return Optional.ofNullable(faults.pollFirst());
    }

    synchronized void record(SeenRequest request) {
        seen.addLast(request);
        while (seen.size() > MAX_RECORDED) {
            seen.removeFirst();
        }
    }

    synchronized List<SeenRequest> seen() {
        return List.copyOf(seen);
    }

    /** A caption written from the prompt's own lines. */
    String caption(String prompt) {
        return caption(prompt, 0);
    }

    /**
     * A caption written from the prompt's own lines; with image parts, it says what the first photo shows (its
     * description in the prompt's photo list, as a vision model would see it).
     */
    String caption(String prompt, int images) {
        String item = line(prompt, "Item").orElse("our dish of the day");
        String tone = line(prompt, "Tone").orElse("friendly").toLowerCase(Locale.ROOT);
        String restaurant = line(prompt, "Restaurant").orElse("us");
        boolean instagram = prompt.contains("Instagram caption");
        String description = block(prompt, "item_description").filter(d -> !d.equals("-")).orElse("");
        Set<String> usedOpeners = recentOpeners(prompt);

        List<String> openers = OPENERS.getOrDefault(tone, OPENERS.get("friendly"));
        long n = counter.getAndIncrement();
        String opener = openers.get((int) (n % openers.size()));
        for (int i = 0; i < openers.size(); i++) {
            String candidate = openers.get((int) ((n + i) % openers.size()));
            if (!usedOpeners.contains(candidate.toLowerCase(Locale.ROOT))) {
                opener = candidate;
                break;
            }
        }
        StringBuilder text = new StringBuilder();
        // A regeneration (the prompt names a caption it came too close to) moves further along the banks.
        long step = prompt.contains("too close to the caption") ? n * 5 + 3 : n;
        String middle = MIDDLES.get((int) ((step * 3 + step / MIDDLES.size()) % MIDDLES.size()))
                .replace("{Tone}", tone.substring(0, 1).toUpperCase(Locale.ROOT) + tone.substring(1))
                .replace("{tone}", tone).replace("{restaurant}", restaurant).replace("{item}", item);
        text.append(opener).append("! ").append(middle);
        if (!description.isEmpty()) {
            // One or two of the description's comma-separated parts, as given (instructions inside included).
            String[] parts = description.split(",");
            String first = parts[(int) (step % parts.length)].strip();
            String second = parts.length > 1 && step % 3 != 0
                    ? parts[(int) ((step + 1 + step / parts.length) % parts.length)].strip() : "";
            String described = second.isEmpty() || second.equals(first) ? first : first + " and " + second;
            text.append(instagram ? "\n\n" : " ").append(described.substring(0, 1).toUpperCase(Locale.ROOT))
                    .append(described.substring(1)).append(described.matches("(?s).*[.!?]$") ? "" : ".");
        }
        if (images > 0) {
            photo(prompt).ifPresent(shown -> text.append(instagram ? "\n\n" : " ").append("In the picture: ")
                    .append(shown.substring(0, 1).toLowerCase(Locale.ROOT)).append(shown.substring(1))
                    .append(shown.matches("(?s).*[.!?]$") ? "" : "."));
        }
        text.append(instagram ? "\n\n" : " ").append(ENDINGS.get((int) ((step * 7) % ENDINGS.size())));
        Set<String> tags = new LinkedHashSet<>();
        line(prompt, "Hashtags to include").filter(h -> !h.equals("-"))
                .ifPresent(h -> tags.addAll(List.of(h.split("\\s+"))));
        tags.add("#" + item.replaceAll("[^\\p{L}\\p{N}]", ""));
        tags.add("#" + tone + "food");
        if (instagram) {
            for (int i = 0; i < 3; i++) {
                tags.add(TAGS.get((int) ((step * 3 + i * 5) % TAGS.size())));
            }
        }
        text.append("\n\n").append(String.join(" ", tags));
        return text.toString();
    }

    private static Set<String> recentOpeners(String prompt) {
        Set<String> openers = new HashSet<>();
        int start = prompt.indexOf("Recent captions");
        if (start < 0) {
            return openers;
        }
        for (String line : prompt.substring(start).split("\n")) {
            Matcher first = Pattern.compile("^- \\W*(\\p{L}+)").matcher(line);
            if (first.find()) {
                openers.add(first.group(1).toLowerCase(Locale.ROOT));
            }
        }
        return openers;
    }

    /** The first photo's description in the prompt's photo list, if it has one. */
    private static Optional<String> photo(String prompt) {
        Matcher matcher = Pattern.compile("(?m)^Photos of it[^\n]*\n- ([^\n(]+)").matcher(prompt);
        return matcher.find() && !matcher.group(1).strip().equals("(no description)")
                ? Optional.of(matcher.group(1).strip()) : Optional.empty();
    }

    private static Optional<String> line(String prompt, String label) {
        Matcher matcher = Pattern.compile("(?m)^" + Pattern.quote(label) + ": (.+)$").matcher(prompt);
        return matcher.find() ? Optional.of(matcher.group(1).strip()) : Optional.empty();
    }

    private static Optional<String> block(String prompt, String tag) {
        Matcher matcher = Pattern.compile("(?s)<" + tag + ">\\s*(.*?)\\s*</" + tag + ">").matcher(prompt);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** A deterministic unit vector from character 3-grams: similar texts get similar vectors. */
    static List<Double> embedding(String text, int dimensions) {
        double[] vector = new double[dimensions];
        String padded = " " + text.toLowerCase(Locale.ROOT) + " ";
        for (int i = 0; i + 3 <= padded.length(); i++) {
            int h = padded.substring(i, i + 3).hashCode();
            vector[Math.floorMod(h, dimensions)] += (h & 1) == 0 ? 1 : -1;
        }
        double norm = 0;
        for (double v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        List<Double> result = new ArrayList<>(dimensions);
        for (double v : vector) {
            result.add(norm == 0 ? 0 : v / norm);
        }
        return result;
    }
}
