package io.forkcast.sandbox.meta;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the pretend Facebook knows beyond publishing: Pages' pictures (generated images served as Meta's CDN would),
 * Pages with a location (places that can be tagged), the alt text and place each published object was given, and
 * the comments on published objects.
 */
@Component
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class SandboxExtras {

    /** A Page's location, as {@code GET /{page}?fields=location} answers it. */
    record Location(String street, String city, String zip, String country, double latitude, double longitude) {
    }

    /** A Page that is a place; {@code managed}: one of the sandbox user's Pages (else a public Page of someone else). */
    record Place(String pageId, String name, Location location) {
    }

    record Comment(String id, String objectId, String fromId, String fromName, String message, Instant createdAt) {
    }

    /** What a published object (or a container before it) was given besides its media and caption. */
    record Tags(List<String> altTexts, String placeId) {
    }

    /** A public Page of another business that has a location: taggable, not managed by the sandbox's user. */
    static final String PUBLIC_PLACE_ID = "200000000000009";
    /** The Page the sandbox's Catering Page is: it has no location, so it cannot be a place. */
    static final String PAGE_WITHOUT_LOCATION = "200000000000002";

    static final Map<String, Place> PLACES = Map.of(
            "200000000000001", new Place("200000000000001", "Trattoria Sandbox",
                    new Location("12 Via del Forno", "Bologna", "40121", "Italy", 44.4949, 11.3426)),
            PUBLIC_PLACE_ID, new Place(PUBLIC_PLACE_ID, "Piazza Maggiore",
                    new Location("Piazza Maggiore", "Bologna", "40124", "Italy", 44.4937, 11.3430)));

    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
            .withZone(ZoneOffset.UTC);

    private final Clock clock;
    private final AtomicLong ids = new AtomicLong(178000000000000L);
    private final Map<String, Tags> tags = new ConcurrentHashMap<>();
    private final Map<String, List<Comment>> comments = new ConcurrentHashMap<>();
    private final Map<String, byte[]> pictures = new ConcurrentHashMap<>();

    SandboxExtras(Clock clock) {
        this.clock = clock;
    }

    void reset() {
        tags.clear();
        comments.clear();
    }

    Optional<Place> place(String pageId) {
        return Optional.ofNullable(PLACES.get(pageId));
    }

    /** A tag must name a Page with a location, as Meta's {@code place} and {@code location_id} must. */
    void checkPlace(String placeId, String parameter) {
        if (placeId != null && !PLACES.containsKey(placeId)) {
            throw SandboxGraphException.of(100, null, "(#100) Param " + parameter + " must be a valid place tag ID");
        }
    }

    void tag(String objectId, List<String> altTexts, String placeId) {
        List<String> alts = altTexts.stream().filter(java.util.Objects::nonNull).toList();
        if (!alts.isEmpty() || placeId != null) {
            tags.put(objectId, new Tags(alts, placeId));
        }
    }

    Optional<Tags> tags(String objectId) {
        return Optional.ofNullable(tags.get(objectId));
    }

    /** A comment by the object's owner (the Page, or the Instagram account); Meta's id shapes. */
    Map<String, Object> comment(String objectId, String ownerId, String ownerName, boolean instagram, String message) {
        if (message == null || message.isBlank()) {
            throw SandboxGraphException.of(100, null, "(#100) The parameter message is required");
        }
        if (message.length() > 8000) {
            throw SandboxGraphException.of(100, 1705, "(#100) The comment is too long");
        }
        String id = instagram ? Long.toString(ids.incrementAndGet()) : objectId + "_" + ids.incrementAndGet();
        comments.computeIfAbsent(objectId, key -> new CopyOnWriteArrayList<>())
                .add(new Comment(id, objectId, ownerId, ownerName, message, clock.instant()));
        return Map.of("id", id);
    }

    /** The comments of an object, oldest first, with Instagram's or Facebook's field names. */
    Map<String, Object> comments(String objectId, boolean instagram) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (Comment comment : comments.getOrDefault(objectId, List.of())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put(instagram ? "timestamp" : "created_time", GRAPH_TIME.format(comment.createdAt()));
            item.put(instagram ? "text" : "message", comment.message());
            item.put("from", instagram ? Map.of("id", comment.fromId(), "username", comment.fromName())
                    : Map.of("id", comment.fromId(), "name", comment.fromName()));
            item.put("id", comment.id());
            data.add(item);
        }
        return Map.of("data", data);
    }

    List<Comment> commentsOn(String objectId) {
        return List.copyOf(comments.getOrDefault(objectId, List.of()));
    }

    /**
     * A profile picture as Meta's CDN serves it: a PNG made once per account, its colour and letter from the
     * account, so that each account's picture differs.
     */
    byte[] picture(String accountId, String name) {
        return pictures.computeIfAbsent(accountId, id -> draw(id, name));
    }

    private static byte[] draw(String id, String name) {
        BufferedImage image = new BufferedImage(100, 100, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setColor(Color.getHSBColor((Math.floorMod(id.hashCode(), 360)) / 360f, 0.55f, 0.75f));
            g.fillRect(0, 0, 100, 100);
            g.setColor(Color.WHITE);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 56));
            String letter = name == null || name.isBlank() ? "?" : name.substring(0, 1).toUpperCase();
            int width = g.getFontMetrics().stringWidth(letter);
            g.drawString(letter, (100 - width) / 2, 70);
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", png);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return png.toByteArray();
    }
}
