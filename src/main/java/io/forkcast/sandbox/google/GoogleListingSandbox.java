package io.forkcast.sandbox.google;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * What Google holds of each location's listing beyond its posts, as the sandbox plays it, in memory: the food menu
 * last written, the reviews guests left (seeded by the admin endpoint) with the owner's replies, and daily
 * performance figures, made up but stable (the same location and day always give the same numbers, and Google's
 * lag: nothing for today or yesterday). Reset with the rest of the sandbox.
 */
@Component
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class GoogleListingSandbox {

    static final List<String> STARS = List.of("ONE", "TWO", "THREE", "FOUR", "FIVE");

    private final Clock clock;
    private final Map<String, Map<String, Object>> foodMenus = new LinkedHashMap<>();
    private final Map<String, List<Map<String, Object>>> reviews = new LinkedHashMap<>();
    private int menuWrites;

    GoogleListingSandbox(Clock clock) {
        this.clock = clock;
    }

    synchronized void reset() {
        foodMenus.clear();
        reviews.clear();
        menuWrites = 0;
    }

    synchronized Map<String, Object> writeFoodMenus(String parent, Map<String, Object> menus) {
        Map<String, Object> stored = new LinkedHashMap<>(menus);
        stored.put("name", parent + "/foodMenus");
        foodMenus.put(parent, stored);
        menuWrites++;
        return stored;
    }

    synchronized Map<String, Object> foodMenus(String parent) {
        return foodMenus.getOrDefault(parent, Map.of("name", parent + "/foodMenus"));
    }

    synchronized Map<String, Object> allFoodMenus() {
        return Map.of("writes", menuWrites, "menus", new LinkedHashMap<>(foodMenus));
    }

    /** A guest's review, newest first in the location's list; {@code reviewer} null for an anonymous one. */
    synchronized Map<String, Object> addReview(String parent, String reviewer, int stars, String comment,
            String reply, Instant leftAt) {
        String id = "AbFvOq" + UUID.randomUUID().toString().replace("-", "");
        Instant now = leftAt == null ? clock.instant() : leftAt;
        Map<String, Object> review = new LinkedHashMap<>();
        review.put("name", parent + "/reviews/" + id);
        review.put("reviewId", id);
        review.put("reviewer", reviewer == null ? Map.of("isAnonymous", true)
                : Map.of("displayName", reviewer, "profilePhotoUrl",
                        "https://lh3.googleusercontent.com/a/sandbox-" + Math.abs(reviewer.hashCode()),
                        "isAnonymous", false));
        review.put("starRating", STARS.get(stars - 1));
        if (comment != null) {
            review.put("comment", comment);
        }
        review.put("createTime", now.toString());
        review.put("updateTime", now.toString());
        if (reply != null) {
            review.put("reviewReply", Map.of("comment", reply, "updateTime", now.toString()));
        }
        reviews.computeIfAbsent(parent, p -> new ArrayList<>()).addFirst(review);
        return Map.copyOf(review);
    }

    synchronized List<Map<String, Object>> reviews(String parent) {
        return reviews.getOrDefault(parent, List.of()).stream().map(r -> (Map<String, Object>) new LinkedHashMap<>(r))
                .toList();
    }

    synchronized Map<String, List<Map<String, Object>>> allReviews() {
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
        reviews.forEach((parent, list) -> all.put(parent, List.copyOf(list)));
        return all;
    }

    synchronized Optional<Map<String, Object>> putReply(String reviewName, String comment) {
        return find(reviewName).map(review -> {
            Map<String, Object> reply = Map.of("comment", comment, "updateTime", clock.instant().toString());
            review.put("reviewReply", reply);
            return reply;
        });
    }

    synchronized boolean deleteReply(String reviewName) {
        return find(reviewName).map(review -> review.remove("reviewReply") != null).orElse(false);
    }

    private Optional<Map<String, Object>> find(String reviewName) {
        return reviews.values().stream().flatMap(List::stream).filter(r -> reviewName.equals(r.get("name")))
                .findFirst();
    }

    /**
     * A location's figure for a metric on a day, or null where Google reports nothing: days from yesterday on
     * (the data lags), and zero values (Google omits them).
     */
    Long figure(String location, String metric, LocalDate day) {
        if (!day.isBefore(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1))) {
            return null;
        }
        CRC32 crc = new CRC32();
        crc.update((location + "|" + metric + "|" + day).getBytes(StandardCharsets.UTF_8));
        long scale = metric.startsWith("BUSINESS_IMPRESSIONS") ? 120 : 12;
        long value = crc.getValue() % scale;
        return value == 0 ? null : value;
    }
}
