package io.forkcast.sandbox.meta;

import io.forkcast.sandbox.SandboxProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The publishing side of the pretend Facebook: Page photos and posts, Instagram containers (IN_PROGRESS for a
 * while, then FINISHED) and published media, the publishing limit. Keeps everything published, so tests count it.
 */
@Component
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class SandboxPublishing {

    /** {@code kind}: {@code post} (a Page post or Instagram media), {@code video}, {@code reel} or {@code story}. */
    record Published(String id, String ownerId, String caption, List<String> imageUrls, Instant createdAt,
            String permalink, String kind, boolean inFeed) {

        Published(String id, String ownerId, String caption, List<String> imageUrls, Instant createdAt,
                String permalink, String kind) {
            this(id, ownerId, caption, imageUrls, createdAt, permalink, kind, !"story".equals(kind));
        }

        Published(String id, String ownerId, String caption, List<String> imageUrls, Instant createdAt,
                String permalink) {
            this(id, ownerId, caption, imageUrls, createdAt, permalink, "post");
        }
    }

    /** {@code outcome}: null (FINISHED once processed) or the status armed for it, ERROR or EXPIRED. */
    record Container(String id, String ownerId, String imageUrl, String caption, boolean carouselItem,
            List<String> children, Instant createdAt, boolean[] published, long createdNanos, String outcome,
            String mediaType, String videoUrl, String errorSubcode) {

        Container(String id, String ownerId, String imageUrl, String caption, boolean carouselItem,
                List<String> children, Instant createdAt, boolean[] published, long createdNanos, String outcome) {
            this(id, ownerId, imageUrl, caption, carouselItem, children, createdAt, published, createdNanos, outcome,
                    null, null, null);
        }

        boolean video() {
            return videoUrl != null;
        }
    }

    /** Meta's limits on a video container, by media type: longest file. */
    static final long REELS_MAX_BYTES = 300L * 1000 * 1000;
    static final long STORIES_MAX_BYTES = 100L * 1000 * 1000;

    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
            .withZone(ZoneOffset.UTC);

    private final SandboxProperties properties;
    private final SandboxMediaCheck media;
    private final Clock clock;
    private final AtomicLong ids = new AtomicLong(900000000000000L);
    private final Map<String, Published> published = new ConcurrentHashMap<>();
    private final Map<String, String> unpublishedPhotos = new ConcurrentHashMap<>();
    private final Map<String, Container> containers = new ConcurrentHashMap<>();
    private final Map<String, int[]> engagement = new ConcurrentHashMap<>();
    private final java.util.Queue<String> armedOutcomes = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Reel containers made with {@code share_to_feed=false}: published to the Reels tab, not the feed grid. */
    private final java.util.Set<String> keptOutOfFeed = ConcurrentHashMap.newKeySet();
    /** Instagram Stories by media id: IMAGE or VIDEO. */
    private final Map<String, String> storyMediaTypes = new ConcurrentHashMap<>();

    /** How long Instagram shows (and lists) a Story. */
    static final Duration STORY_LIFETIME = Duration.ofHours(24);

    SandboxPublishing(SandboxProperties properties, SandboxMediaCheck media, Clock clock) {
        this.properties = properties;
        this.media = media;
        this.clock = clock;
    }

    void reset() {
        armedOutcomes.clear();
        keptOutOfFeed.clear();
        storyMediaTypes.clear();
        published.clear();
        unpublishedPhotos.clear();
        containers.clear();
        engagement.clear();
    }

    /**
     * The next {@code times} containers (single images or carousels, not carousel items) end in {@code outcome}
     * (ERROR or EXPIRED) instead of FINISHED once processed.
     */
    void armContainerOutcome(String outcome, int times) {
        for (int i = 0; i < times; i++) {
            armedOutcomes.add(outcome);
        }
    }

    /** Takes the next armed outcome when it is ERROR, for a Facebook video's processing (see {@link SandboxVideos}). */
    synchronized boolean takeArmedError() {
        return "ERROR".equals(armedOutcomes.peek()) && armedOutcomes.poll() != null;
    }

    /** Sets what people did with a published post: likes, comments, shares. */
    boolean engage(String id, int likes, int comments, int shares) {
        if (!published.containsKey(id)) {
            return false;
        }
        engagement.put(id, new int[] {likes, comments, shares});
        return true;
    }

    /** Everything published so far, oldest first. */
    List<Published> all() {
        return all(null);
    }

    /** What was published with a caption starting with {@code captionPrefix} (null: everything), oldest first. */
    List<Published> all(String captionPrefix) {
        return published.values().stream().filter(captioned(captionPrefix))
                .sorted(OLDEST_FIRST).toList();
    }

    long count(String captionPrefix) {
        return published.values().stream().filter(captioned(captionPrefix)).count();
    }

    private static java.util.function.Predicate<Published> captioned(String prefix) {
        return prefix == null ? p -> true : p -> p.caption() != null && p.caption().startsWith(prefix);
    }

    /**
     * What an account's profile grid shows, newest first: its posts and the Reels shared to the feed; not a Reel
     * published with {@code share_to_feed=false} (only in the Reels tab) nor a Story.
     */
    List<Published> feedGrid(String ownerId) {
        return published.values().stream().filter(p -> p.ownerId().equals(ownerId) && p.inFeed())
                .sorted(OLDEST_FIRST.reversed()).toList();
    }

    /**
     * Every Instagram container made since the last reset (carousel items included), oldest first: its id, owner,
     * media type (null for a single image), caption and status as {@code GET /{container-id}} would answer it.
     */
    List<Map<String, Object>> containers() {
        return containers.values().stream().sorted(Comparator.comparingLong(Container::createdNanos)).map(c -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("id", c.id());
            item.put("owner_id", c.ownerId());
            item.put("media_type", c.mediaType());
            item.put("caption", c.caption());
            item.put("status", status(c));
            return item;
        }).toList();
    }

    /** The Page photos uploaded unpublished and not yet attached to a post, by id: their image addresses. */
    Map<String, String> unpublishedPhotos() {
        return Map.copyOf(unpublishedPhotos);
    }

    /** Records what a Facebook video, Reel or Story flow published (see {@link SandboxVideos}). */
    void add(Published object) {
        published.put(object.id(), object);
    }

    /**
     * Takes an unpublished Page photo for a Story: its URL, or null when there is no such photo (unknown, published,
     * or used already: a photo or video of a Story must not have been used in another post).
     */
    String takeUnpublishedPhoto(String photoId) {
        return photoId == null ? null : unpublishedPhotos.remove(photoId);
    }

    /** A published post or media by id. */
    Optional<Published> find(String id) {
        return Optional.ofNullable(published.get(id));
    }

    /** The child containers of a carousel container (none for a single image). */
    List<String> childrenOf(String containerId) {
        Container container = containers.get(containerId);
        return container == null ? List.of() : container.children();
    }

    boolean knows(String id) {
        return published.containsKey(id) || containers.containsKey(id);
    }

    boolean isContainer(String id) {
        return containers.containsKey(id);
    }

    Map<String, Object> photo(String pageId, String url, String caption, boolean publish) {
        media.checkFacebook(url);
        return savePhoto(pageId, url, caption, publish);
    }

    private synchronized Map<String, Object> savePhoto(String pageId, String url, String caption, boolean publish) {
        String photoId = nextId();
        if (!publish) {
            unpublishedPhotos.put(photoId, url);
            return Map.of("id", photoId);
        }
        String postId = pageId + "_" + nextId();
        published.put(postId, new Published(postId, pageId, caption, List.of(url), clock.instant(),
                "https://www.facebook.com/" + postId));
        return Map.of("id", photoId, "post_id", postId);
    }

    synchronized Map<String, Object> feed(String pageId, String message, List<String> media) {
        List<String> urls = new ArrayList<>();
        for (String id : media) {
            String url = unpublishedPhotos.remove(id);
            if (url == null) {
                throw SandboxGraphException.of(100, null, "(#100) attached_media " + id + " is not an unpublished photo");
            }
            urls.add(url);
        }
        String postId = pageId + "_" + nextId();
        published.put(postId, new Published(postId, pageId, message, List.copyOf(urls), clock.instant(),
                "https://www.facebook.com/" + postId));
        return Map.of("id", postId);
    }

    /**
     * A video container ({@code media_type} REELS, STORIES with {@code video_url}, or VIDEO as a carousel item):
     * the video's first bytes are fetched now; it processes for {@code video-processing-time}, then is FINISHED, or
     * ERROR when the file is no MP4 or MOV (2207026) or too large for the type (2207004).
     */
    Map<String, Object> videoContainer(String igUserId, String mediaType, String videoUrl, String caption,
            boolean carouselItem, boolean shareToFeed) {
        if ("VIDEO".equals(mediaType) && !carouselItem) {
            throw SandboxGraphException.of(100, 2207067, "The VIDEO media type is no longer supported for feed "
                    + "videos; publish it with media_type REELS.");
        }
        if (!"VIDEO".equals(mediaType) && carouselItem) {
            throw SandboxGraphException.of(100, null, "(#100) A carousel item is an image or a VIDEO");
        }
        SandboxMediaCheck.VideoHead head = media.fetchVideoHead(videoUrl);
        String error = null;
        if (!head.isoMedia() || !(head.mediaType().startsWith("video/mp4")
                || head.mediaType().startsWith("video/quicktime"))) {
            error = "2207026";
        } else if (head.size() > ("STORIES".equals(mediaType) ? STORIES_MAX_BYTES : REELS_MAX_BYTES)) {
            error = "2207004";
        }
        if (caption != null && caption.length() > 2200) {
            throw SandboxGraphException.of(100, 2207010, "The caption is too long");
        }
        synchronized (this) {
            String id = nextId();
            String armed = carouselItem ? null : armedOutcomes.poll();
            containers.put(id, new Container(id, igUserId, null, "STORIES".equals(mediaType) ? null : caption,
                    carouselItem, List.of(), clock.instant(), new boolean[1], System.nanoTime(),
                    error != null ? "ERROR" : armed, mediaType, videoUrl, error != null ? error
                    : "ERROR".equals(armed) ? "2207001" : null));
            if ("REELS".equals(mediaType) && !shareToFeed) {
                keptOutOfFeed.add(id);
            }
            return Map.of("id", id);
        }
    }

    Map<String, Object> container(String igUserId, String imageUrl, String caption, boolean carouselItem,
            String mediaType, String children) {
        if ("STORIES".equals(mediaType)) {
            media.checkInstagram(imageUrl);
            return saveContainer(igUserId, imageUrl, null, false, mediaType, null);
        }
        if (!"CAROUSEL".equals(mediaType)) {
            media.checkInstagram(imageUrl);
        }
        return saveContainer(igUserId, imageUrl, caption, carouselItem, mediaType, children);
    }

    private synchronized Map<String, Object> saveContainer(String igUserId, String imageUrl, String caption,
            boolean carouselItem, String mediaType, String children) {
        String id = nextId();
        if ("CAROUSEL".equals(mediaType)) {
            List<String> items = children == null ? List.of() : List.of(children.split(","));
            if (items.size() < 2 || items.size() > 10) {
                throw SandboxGraphException.of(100, null, "(#100) A carousel has 2 to 10 children");
            }
            for (String child : items) {
                Container item = containers.get(child);
                if (item == null || !item.carouselItem()) {
                    throw SandboxGraphException.of(100, null, "(#100) Child " + child + " is not a carousel item");
                }
            }
            containers.put(id, new Container(id, igUserId, null, caption, false, items, clock.instant(),
                    new boolean[1], System.nanoTime(), armedOutcomes.poll()));
        } else {
            if (caption != null && caption.length() > 2200) {
                throw SandboxGraphException.of(100, 2207010, "The caption is too long");
            }
            containers.put(id, new Container(id, igUserId, imageUrl, caption, carouselItem, List.of(), clock.instant(),
                    new boolean[1], System.nanoTime(), carouselItem ? null : armedOutcomes.poll(), mediaType, null,
                    null));
        }
        return Map.of("id", id);
    }

    Map<String, Object> describe(String id) {
        Container container = containers.get(id);
        if (container != null) {
            String status = status(container);
            // Graph's status of a container in ERROR names the reason's subcode.
            String subcode = container.errorSubcode() == null ? "2207001" : container.errorSubcode();
            return Map.of("status_code", status, "status", status.equals("ERROR") ? "Error: " + subcode : status,
                    "id", id);
        }
        Published post = published.get(id);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("permalink", post.permalink());
        body.put("permalink_url", post.permalink());
        int[] counts = engagement.getOrDefault(id, new int[3]);
        if (post.ownerId().startsWith("2000")) {
            body.put("likes", Map.of("data", List.of(), "summary", Map.of("total_count", counts[0])));
            body.put("comments", Map.of("data", List.of(), "summary", Map.of("total_count", counts[1])));
            if (counts[2] > 0) {
                body.put("shares", Map.of("count", counts[2]));
            }
        } else {
            body.put("like_count", counts[0]);
            body.put("comments_count", counts[1]);
        }
        return body;
    }

    synchronized Map<String, Object> publishContainer(String igUserId, String creationId) {
        Container container = creationId == null ? null : containers.get(creationId);
        if (container == null || !container.ownerId().equals(igUserId) || container.carouselItem()) {
            throw SandboxGraphException.of(100, null, "(#100) Invalid creation_id");
        }
        if (container.published()[0]) {
            throw SandboxGraphException.of(-1, 2207001, "The media was already published");
        }
        if ("EXPIRED".equals(status(container))) {
            throw SandboxGraphException.of(-2, 2207020, "The media has expired. Please upload it again.");
        }
        if ("ERROR".equals(status(container))) {
            throw SandboxGraphException.of(-1, 2207032, "Failed to create media, please try again.");
        }
        if (!"FINISHED".equals(status(container))) {
            throw SandboxGraphException.of(9007, 2207027, "The media is not ready for publishing, please wait");
        }
        if (used(igUserId) >= properties.instagramPublishingLimit()) {
            throw SandboxGraphException.of(9, 2207042, "You reached the maximum number of posts that is allowed to "
                    + "be published by Content Publishing API.");
        }
        container.published()[0] = true;
        List<String> urls = container.children().isEmpty() ? List.of(mediaUrl(container))
                : container.children().stream().map(child -> mediaUrl(containers.get(child))).toList();
        String mediaId = nextId();
        if ("STORIES".equals(container.mediaType())) {
            // A Story is neither in the profile grid nor in /media: only /stories lists it, for 24 hours.
            published.put(mediaId, new Published(mediaId, igUserId, null, urls, clock.instant(),
                    "https://www.instagram.com/stories/" + igUserId + "/" + mediaId + "/", "story"));
            storyMediaTypes.put(mediaId, container.video() ? "VIDEO" : "IMAGE");
            return Map.of("id", mediaId);
        }
        boolean reel = "REELS".equals(container.mediaType());
        published.put(mediaId, new Published(mediaId, igUserId, container.caption(), urls, clock.instant(),
                "https://www.instagram.com/p/SBX" + mediaId + "/", reel ? "reel" : "post",
                !keptOutOfFeed.contains(creationId)));
        return Map.of("id", mediaId);
    }

    Map<String, Object> limit(String igUserId) {
        return Map.of("data", List.of(Map.of("quota_usage", used(igUserId), "config",
                Map.of("quota_total", properties.instagramPublishingLimit(), "quota_duration", 86400))));
    }

    /**
     * The posts of a Page or media of an Instagram account, newest first, from position {@code start}: at most
     * {@code limit + 1} of them (one more than asked tells the caller there is a next page), with Graph's field names.
     */
    List<Map<String, Object>> list(String ownerId, int start, int limit) {
        boolean instagram = !ownerId.startsWith("2000");
        // Stories are not posts: a Page and an Instagram account list them at /stories, not among their posts or media.
        return published.values().stream().filter(p -> p.ownerId().equals(ownerId) && !"story".equals(p.kind()))
                .sorted(OLDEST_FIRST.reversed()).skip(start).limit(limit + 1L)
                .map(p -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("id", p.id());
                    if (p.caption() != null) {
                        item.put(instagram ? "caption" : "message", p.caption());
                    }
                    item.put(instagram ? "timestamp" : "created_time", GRAPH_TIME.format(p.createdAt()));
                    item.put(instagram ? "permalink" : "permalink_url", p.permalink());
                    return item;
                }).toList();
    }

    /**
     * {@code GET /{ig-user}/stories}: the account's Stories of the last 24 hours, newest first, from position
     * {@code start} (at most {@code limit + 1}, as {@link #list}), as IG Media with {@code media_product_type} STORY.
     */
    List<Map<String, Object>> instagramStories(String igUserId, int start, int limit) {
        Instant live = clock.instant().minus(STORY_LIFETIME);
        return published.values().stream()
                .filter(p -> p.ownerId().equals(igUserId) && "story".equals(p.kind()) && p.createdAt().isAfter(live))
                .sorted(OLDEST_FIRST.reversed()).skip(start).limit(limit + 1L)
                .map(p -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("id", p.id());
                    item.put("media_type", storyMediaTypes.getOrDefault(p.id(), "IMAGE"));
                    item.put("media_product_type", "STORY");
                    item.put("media_url", p.imageUrls().getFirst());
                    item.put("timestamp", GRAPH_TIME.format(p.createdAt()));
                    item.put("permalink", p.permalink());
                    return item;
                }).toList();
    }

    private String status(Container container) {
        if (container.published()[0]) {
            return "PUBLISHED";
        }
        Duration age = Duration.between(container.createdAt(), clock.instant());
        if (age.compareTo(Duration.ofHours(24)) > 0) {
            return "EXPIRED";
        }
        // Processing is measured on the wall clock: a test clock standing still does not keep containers in progress.
        if (!wallAge(container)) {
            return "IN_PROGRESS";
        }
        return container.outcome() == null ? "FINISHED" : container.outcome();
    }

    private boolean wallAge(Container container) {
        boolean video = container.video() || container.children().stream().map(containers::get)
                .anyMatch(child -> child != null && child.video());
        Duration processing = video ? properties.videoProcessingTime() : properties.containerProcessingTime();
        return System.nanoTime() - container.createdNanos() >= processing.toNanos();
    }

    private static String mediaUrl(Container container) {
        return container.video() ? container.videoUrl() : container.imageUrl();
    }

    private int used(String igUserId) {
        Instant since = clock.instant().minus(Duration.ofHours(24));
        return (int) published.values().stream().filter(p -> p.ownerId().equals(igUserId))
                .filter(p -> p.createdAt().isAfter(since)).count();
    }

    /**
     * By creation time, then in the order the objects were made (their ids count up; a Page post's id ends with its
     * own): two made within the same instant, as under a clock that stands still, keep their order.
     */
    private static final Comparator<Published> OLDEST_FIRST = Comparator.comparing(Published::createdAt)
            .thenComparingLong(p -> madeOrder(p.id()));

    private static long madeOrder(String id) {
        String counted = id.substring(id.lastIndexOf('_') + 1);
        return counted.chars().allMatch(Character::isDigit) && !counted.isEmpty() ? Long.parseLong(counted) : 0;
    }

    String nextId() {
        return Long.toString(ids.incrementAndGet());
    }
}
