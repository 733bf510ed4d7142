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

/**
 * Facebook Page video the way Meta takes it: a feed video by {@code file_url} ({@code POST /{page}/videos}); a Reel
 * or video Story through an upload session ({@code upload_phase=start}, the hosted file fetched by the resumable
 * upload host, {@code upload_phase=finish}); a photo Story from an unpublished photo. Each video has its
 * {@code status} phases: uploading, processing (for {@code video-processing-time} after the upload, ending
 * {@code error} when the file is no MP4 or MOV), publishing (after the finish, complete once processed). Wrong
 * phases are refused with Graph's error 100; Reels are limited per Page per rolling day
 * ({@code facebook-reels-limit}). What goes live is added to {@link SandboxPublishing}, so tests read it there.
 */
@Component
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class SandboxVideos {

    enum Kind {
        FEED("video"), REEL("reel"), STORY("story");

        final String published;

        Kind(String published) {
            this.published = published;
        }
    }

    /** One video: mutable under this component's lock. */
    private static final class Video {
        final String id;
        final String pageId;
        final Kind kind;
        final Instant createdAt;
        String fileUrl;
        long uploadedNanos = -1;
        String processingError;
        boolean finished;
        String description;
        String storyPostId;
        Instant finishedAt;
        boolean live;

        Video(String id, String pageId, Kind kind, Instant createdAt) {
            this.id = id;
            this.pageId = pageId;
            this.kind = kind;
            this.createdAt = createdAt;
        }

        boolean uploaded() {
            return uploadedNanos >= 0;
        }
    }

    /** A photo or video shown as a Page's Story. */
    private record Story(String postId, String pageId, String mediaId, String mediaType, Instant createdAt) {
    }

    private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx")
            .withZone(ZoneOffset.UTC);

    private final SandboxProperties properties;
    private final SandboxMediaCheck media;
    private final SandboxPublishing publishing;
    private final Clock clock;
    private final Map<String, Video> videos = new ConcurrentHashMap<>();
    private final Map<String, Story> stories = new ConcurrentHashMap<>();

    SandboxVideos(SandboxProperties properties, SandboxMediaCheck media, SandboxPublishing publishing, Clock clock) {
        this.properties = properties;
        this.media = media;
        this.publishing = publishing;
        this.clock = clock;
    }

    synchronized void reset() {
        videos.clear();
        stories.clear();
    }

    boolean knows(String id) {
        return videos.containsKey(id);
    }

    /** {@code upload_phase=start}: a new session; answers {@code video_id} and where to upload it. */
    synchronized Map<String, Object> start(String pageId, Kind kind, String uploadBase) {
        Video video = new Video(publishing.nextId(), pageId, kind, clock.instant());
        videos.put(video.id, video);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("video_id", video.id);
        body.put("upload_url", uploadBase + "/" + video.id);
        return body;
    }

    /**
     * The resumable upload host fetching {@code file_url} into a session: only the first bytes, like Meta's
     * fetcher, to learn the type; a file that is no MP4 or MOV fails later, in the processing phase.
     */
    Map<String, Object> upload(String videoId, String pageId, String fileUrl) {
        Video video;
        synchronized (this) {
            video = videos.get(videoId);
            if (video == null || !video.pageId.equals(pageId) || video.kind == Kind.FEED) {
                throw new UploadRefused(400, "NotFoundError", "No upload session " + videoId + " for this Page.");
            }
            if (video.finished) {
                throw new UploadRefused(400, "ProcessingFailedError", "The upload session is finished; start a "
                        + "new one.");
            }
        }
        if (fileUrl == null || fileUrl.isBlank()) {
            throw new UploadRefused(400, "BadRequestError", "Give the file in the body or its address in the "
                    + "file_url header.");
        }
        SandboxMediaCheck.VideoHead head;
        try {
            head = media.fetchVideoHead(fileUrl);
        } catch (SandboxGraphException e) {
            throw new UploadRefused(400, "ProcessingFailedError", "Failed to fetch the file from file_url: "
                    + e.getMessage());
        }
        synchronized (this) {
            video.fileUrl = fileUrl;
            video.uploadedNanos = System.nanoTime();
            video.processingError = processingError(head);
        }
        return Map.of("success", true);
    }

    /**
     * {@code upload_phase=finish}: a Reel needs {@code video_state=PUBLISHED} (drafts are not simulated); both need
     * the file uploaded and the session not finished before. A Story answers its post id at once.
     */
    synchronized Map<String, Object> finish(String pageId, Kind kind, String videoId, String videoState,
            String description) {
        Video video = videoId == null ? null : videos.get(videoId);
        if (video == null || !video.pageId.equals(pageId) || video.kind != kind) {
            throw SandboxGraphException.of(100, null, "(#100) Invalid video_id: no upload session of this Page");
        }
        if (!video.uploaded()) {
            throw SandboxGraphException.of(100, null, "(#100) The video has not been uploaded yet: upload it before "
                    + "the finish phase");
        }
        if (video.finished) {
            throw SandboxGraphException.of(100, null, "(#100) The upload session of video " + videoId
                    + " was already finished");
        }
        if (kind == Kind.REEL) {
            if (!"PUBLISHED".equals(videoState)) {
                throw SandboxGraphException.of(100, null, "(#100) The sandbox publishes Reels only: video_state "
                        + "must be PUBLISHED");
            }
            Instant since = clock.instant().minus(Duration.ofHours(24));
            long recent = videos.values().stream().filter(v -> v.kind == Kind.REEL && v.pageId.equals(pageId))
                    .filter(v -> v.finished && v.finishedAt.isAfter(since)).count();
            if (recent >= properties.facebookReelsLimit()) {
                throw SandboxGraphException.of(9, null, "(#9) This Page reached the limit of "
                        + properties.facebookReelsLimit() + " Reels published through the API in 24 hours");
            }
        }
        video.finished = true;
        video.finishedAt = clock.instant();
        video.description = description;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("success", true);
        if (kind == Kind.STORY) {
            video.storyPostId = pageId + "_" + publishing.nextId();
            body.put("post_id", video.storyPostId);
        }
        return body;
    }

    /**
     * {@code POST /{page}/videos} with {@code file_url}: fetched now (first bytes): unreachable is 389, not an MP4
     * or MOV 352; then processed for {@code video-processing-time} and published.
     */
    Map<String, Object> feedVideo(String pageId, String fileUrl, String description) {
        if (fileUrl == null || fileUrl.isBlank()) {
            throw SandboxGraphException.of(100, null, "(#100) Give the video as source or file_url");
        }
        SandboxMediaCheck.VideoHead head;
        try {
            head = media.fetchVideoHead(fileUrl);
        } catch (SandboxGraphException e) {
            throw SandboxGraphException.of(389, null, "Unable to fetch video file from URL.");
        }
        if (!supported(head)) {
            throw SandboxGraphException.of(352, null, "(#352) Sorry, the video file you selected is in a format "
                    + "that we don't support.");
        }
        synchronized (this) {
            Video video = new Video(publishing.nextId(), pageId, Kind.FEED, clock.instant());
            video.fileUrl = fileUrl;
            video.uploadedNanos = System.nanoTime();
            video.processingError = processingError(head);
            video.finished = true;
            video.finishedAt = clock.instant();
            video.description = description;
            videos.put(video.id, video);
            return Map.of("id", video.id);
        }
    }

    /** {@code POST /{page}/photo_stories} with an unpublished photo of the Page, used nowhere else. */
    synchronized Map<String, Object> photoStory(String pageId, String photoId) {
        String url = publishing.takeUnpublishedPhoto(photoId);
        if (url == null) {
            throw SandboxGraphException.of(100, null, "(#100) Invalid photo_id: give an unpublished photo of this "
                    + "Page that no other post or Story used");
        }
        String postId = pageId + "_" + publishing.nextId();
        Instant now = clock.instant();
        stories.put(postId, new Story(postId, pageId, photoId, "photo", now));
        publishing.add(new SandboxPublishing.Published(postId, pageId, null, List.of(url), now,
                storyLink(pageId, postId), Kind.STORY.published));
        return Map.of("success", true, "post_id", postId);
    }

    /** {@code GET /{video-id}?fields=status}, with the published video's fields once it is live. */
    synchronized Map<String, Object> describe(String videoId) {
        settle();
        Video video = videos.get(videoId);
        Map<String, Object> body = new LinkedHashMap<>();
        boolean processed = processed(video);
        String processing = !video.uploaded() ? "not_started" : !processed ? "in_progress"
                : video.processingError != null ? "error" : "complete";
        String publishingPhase = !video.finished ? "not_started" : video.live ? "complete"
                : "error".equals(processing) ? "error" : "in_progress";
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("video_status", "error".equals(processing) ? "error" : video.live ? "ready" : "processing");
        status.put("uploading_phase", Map.of("status", video.uploaded() ? "complete" : "not_started"));
        Map<String, Object> processingPhase = new LinkedHashMap<>();
        processingPhase.put("status", processing);
        if (video.processingError != null && processed) {
            processingPhase.put("errors", List.of(Map.of("message", video.processingError)));
        }
        status.put("processing_phase", processingPhase);
        Map<String, Object> publishingStatus = new LinkedHashMap<>();
        publishingStatus.put("status", publishingPhase);
        if (video.live) {
            publishingStatus.put("publish_status", "published");
            publishingStatus.put("publish_time", video.finishedAt.getEpochSecond());
        }
        status.put("publishing_phase", publishingStatus);
        if (video.live && video.kind != Kind.STORY) {
            body.putAll(publishing.describe(video.id));
        }
        body.put("status", status);
        body.put("id", video.id);
        return body;
    }

    /**
     * The Page's videos ({@code /videos}: every feed video Meta took, still processing too, not one it failed) or
     * Reels ({@code /video_reels}: those published), newest first, from {@code start}.
     */
    synchronized List<Map<String, Object>> list(String pageId, boolean reels, int start, int limit) {
        settle();
        if (!reels) {
            return videos.values().stream().filter(v -> v.kind == Kind.FEED && v.pageId.equals(pageId))
                    .filter(v -> v.processingError == null || !processed(v))
                    .sorted(Comparator.comparing((Video v) -> v.createdAt).reversed()).skip(start)
                    .limit(limit + 1L).map(v -> {
                        Map<String, Object> item = new LinkedHashMap<>();
                        item.put("id", v.id);
                        if (v.description != null) {
                            item.put("description", v.description);
                        }
                        item.put("created_time", GRAPH_TIME.format(v.createdAt));
                        item.put("permalink_url", feedLink(v));
                        return item;
                    }).toList();
        }
        return publishing.all().stream().filter(p -> p.ownerId().equals(pageId) && Kind.REEL.published.equals(p.kind()))
                .sorted(Comparator.comparing(SandboxPublishing.Published::createdAt).reversed())
                .skip(start).limit(limit + 1L).map(p -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("id", p.id());
                    if (p.caption() != null) {
                        item.put("description", p.caption());
                    }
                    item.put("created_time", GRAPH_TIME.format(p.createdAt()));
                    item.put("permalink_url", p.permalink());
                    return item;
                }).toList();
    }

    /** {@code GET /{page}/stories}: the Page's Stories, newest first, from {@code start}. */
    synchronized List<Map<String, Object>> stories(String pageId, int start, int limit) {
        settle();
        return stories.values().stream().filter(s -> s.pageId().equals(pageId))
                .sorted(Comparator.comparing(Story::createdAt).reversed()).skip(start).limit(limit + 1L)
                .map(story -> {
                    Map<String, Object> item = new LinkedHashMap<>();
                    item.put("post_id", story.postId());
                    item.put("status", "PUBLISHED");
                    item.put("creation_time", Long.toString(story.createdAt().getEpochSecond()));
                    item.put("media_type", story.mediaType());
                    item.put("media_id", story.mediaId());
                    item.put("url", storyLink(pageId, story.postId()));
                    return item;
                }).toList();
    }

    /** Publishes every finished video whose processing ended well: it goes live when Meta is done with it. */
    synchronized void settle() {
        for (Video video : new ArrayList<>(videos.values())) {
            if (video.live || !video.finished || !processed(video) || video.processingError != null) {
                continue;
            }
            video.live = true;
            Instant now = clock.instant();
            if (video.kind == Kind.STORY) {
                stories.put(video.storyPostId, new Story(video.storyPostId, video.pageId, video.id, "video", now));
                publishing.add(new SandboxPublishing.Published(video.storyPostId, video.pageId, null,
                        List.of(video.fileUrl), now, storyLink(video.pageId, video.storyPostId), Kind.STORY.published));
            } else {
                publishing.add(new SandboxPublishing.Published(video.id, video.pageId, video.description,
                        List.of(video.fileUrl), now, video.kind == Kind.REEL
                                ? "https://www.facebook.com/reel/" + video.id
                                : feedLink(video),
                        video.kind.published));
            }
        }
    }

    Optional<String> pageOf(String videoId) {
        return Optional.ofNullable(videos.get(videoId)).map(video -> video.pageId);
    }

    private boolean processed(Video video) {
        return video.uploaded()
                && System.nanoTime() - video.uploadedNanos >= properties.videoProcessingTime().toNanos();
    }

    /**
     * Why processing will fail, or null: a file that is no MP4 or MOV, or an outcome armed with
     * {@code /sandbox/admin/container-outcomes} ({@code ERROR}; the next videos of Reels and Stories end that way).
     */
    private String processingError(SandboxMediaCheck.VideoHead head) {
        if (!supported(head)) {
            return "The video file is not in a format Facebook supports (MP4 or MOV).";
        }
        return publishing.takeArmedError()
                ? "The video could not be processed: its frames could not be decoded." : null;
    }

    private static boolean supported(SandboxMediaCheck.VideoHead head) {
        return head.isoMedia() && (head.mediaType().startsWith("video/mp4")
                || head.mediaType().startsWith("video/quicktime"));
    }

    private static String feedLink(Video video) {
        return "https://www.facebook.com/" + video.pageId + "/videos/" + video.id;
    }

    private static String storyLink(String pageId, String postId) {
        return "https://www.facebook.com/stories/" + pageId + "/" + postId;
    }

    /** The resumable upload host's refusal: {@code {"debug_info": {"retriable", "type", "message"}}}. */
    static final class UploadRefused extends RuntimeException {
        final int httpStatus;
        final String type;

        UploadRefused(int httpStatus, String type, String message) {
            super(message, null, false, false);
            this.httpStatus = httpStatus;
            this.type = type;
        }
    }
}
