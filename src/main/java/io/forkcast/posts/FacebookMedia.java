package io.forkcast.posts;

import io.forkcast.accounts.AccessTokens;
import io.forkcast.assets.AssetVariant;
import io.forkcast.assets.BrandAsset;
import io.forkcast.assets.MediaUrls;
import io.forkcast.meta.GraphClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Facebook's flows for a video in the Page's feed ({@code /videos} by {@code file_url}), a Reel and a video Story
 * (an upload session: start, Meta fetches the hosted file, finish) and a photo Story (an unpublished photo, then
 * {@code /photo_stories}). Exactly once: the id that names the upload (the video id of the session or feed video,
 * the unpublished photo's id) is recorded before the call that publishes it, and a later attempt looks at that
 * upload first: published already (reconciled), still on its way (resumed: not uploaded or finished twice), or
 * failed (made again).
 */
@Component
class FacebookMedia {

    private static final Logger log = LoggerFactory.getLogger(FacebookMedia.class);

    private final GraphClient graph;
    private final MediaUrls mediaUrls;
    private final PostsProperties properties;
    private final Clock clock;

    FacebookMedia(GraphClient graph, MediaUrls mediaUrls, PostsProperties properties, Clock clock) {
        this.graph = graph;
        this.mediaUrls = mediaUrls;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Looks for the delivery on the Page: the recorded upload when there is one (a Reel's video published; a Story
     * showing the recorded video or photo), else a Reel or feed video with the delivery's caption (not an empty one)
     * within the reconcile window. A Story without a recorded upload has no caption to be found by.
     */
    Optional<GraphClient.PlatformMedia> reconcile(Publisher.Started started, AccessTokens.PublishingToken token) {
        String page = token.platformUserId();
        String secret = token.accessToken();
        String upload = started.uploadId();
        Publisher.Previous previous = started.previous();
        Instant since = (previous != null ? previous.startedAt() : started.dueAt()).minus(properties.reconcileWindow());
        Instant until = clock.instant().plus(properties.reconcileWindow());
        switch (started.format()) {
            case STORY -> {
                if (upload == null) {
                    return Optional.empty();
                }
                return graph.pageStoriesSince(page, secret, since, 5000).stream()
                        .filter(story -> upload.equals(story.mediaId()))
                        .findFirst().map(story -> new GraphClient.PlatformMedia(story.postId(), null,
                                story.createdAt(), story.url()));
            }
            case REEL, FEED -> {
                if (upload != null) {
                    // The video id names the Reel or feed video: published, or resumed by publish().
                    GraphClient.VideoStatus status = graph.videoStatus(upload, secret);
                    return status.published() ? Optional.of(new GraphClient.PlatformMedia(upload, started.caption(),
                            null, null)) : Optional.empty();
                }
                if (strip(started.caption()).isEmpty()) {
                    // An empty description would name any other captionless video of the window.
                    return Optional.empty();
                }
                return graph.pageVideosSince(page, secret, started.format() == io.forkcast.shared.Platform.Format.REEL,
                                since, 5000).stream()
                        .filter(video -> Objects.equals(strip(video.caption()), strip(started.caption())))
                        .filter(video -> video.createdAt() == null
                                || (!video.createdAt().isBefore(since) && !video.createdAt().isAfter(until)))
                        .findFirst();
            }
            default -> throw new IllegalStateException("No Facebook flow for " + started.format());
        }
    }

    /**
     * Publishes the delivery's one medium; {@code record} stores an upload's id on the attempt before the call that
     * publishes it. Resumes the recorded upload of an earlier attempt unless Meta failed it. Answers the platform id:
     * the video id of a feed video or Reel, the post id of a Story.
     */
    String publish(Publisher.Started started, AccessTokens.PublishingToken token, Consumer<String> record) {
        String page = token.platformUserId();
        String secret = token.accessToken();
        BrandAsset medium = started.medium(started.assetIds().getFirst());
        String url = mediaUrls.urlOf(medium, AssetVariant.ORIGINAL).url().toString();
        String upload = started.uploadId();
        GraphClient.VideoStatus earlier = upload != null && medium.video() ? graph.videoStatus(upload, secret) : null;
        if (earlier != null && earlier.failed()) {
            log.info("Upload {} of delivery {} failed at Facebook ({}); uploading again", upload,
                    started.deliveryId(), earlier.error());
            upload = null;
            earlier = null;
        }
        switch (started.format()) {
            case FEED -> {
                String video = upload != null ? upload
                        : graph.publishPageVideo(page, secret, url, null, started.caption());
                record.accept(video);
                awaitVideo(video, secret, status -> status.published() || "ready".equals(status.videoStatus()));
                return video;
            }
            case REEL -> {
                String video = session(page, secret, GraphClient.FacebookUpload.REEL, upload, earlier, url, record);
                if (earlier == null || !earlier.finishing()) {
                    graph.finishFacebookUpload(page, secret, GraphClient.FacebookUpload.REEL, video,
                            started.caption());
                }
                awaitVideo(video, secret, GraphClient.VideoStatus::published);
                return video;
            }
            case STORY -> {
                if (!medium.video()) {
                    String photo = upload != null ? upload
                            : graph.publishPagePhoto(page, secret, url, null, false).id();
                    record.accept(photo);
                    return graph.publishPhotoStory(page, secret, photo);
                }
                String video = session(page, secret, GraphClient.FacebookUpload.STORY, upload, earlier, url, record);
                String post = earlier == null || !earlier.finishing()
                        ? graph.finishFacebookUpload(page, secret, GraphClient.FacebookUpload.STORY, video, null)
                        : null;
                awaitVideo(video, secret, GraphClient.VideoStatus::published);
                if (post != null) {
                    return post;
                }
                // Finished by an earlier attempt: the Story's post id is where the Page lists it.
                return graph.pageStoriesSince(page, secret, clock.instant().minus(properties.reconcileWindow()), 5000)
                        .stream().filter(story -> video.equals(story.mediaId())).map(GraphClient.PageStory::postId)
                        .findFirst().orElse(video);
            }
            default -> throw new IllegalStateException("No Facebook flow for " + started.format());
        }
    }

    /** The upload session's video id: the recorded one, or a new session; the file fetched by Meta unless it was. */
    private String session(String page, String secret, GraphClient.FacebookUpload kind, String upload,
            GraphClient.VideoStatus earlier, String url, Consumer<String> record) {
        String video = upload != null ? upload : graph.startFacebookUpload(page, secret, kind);
        // Recorded before the upload and the finish: an attempt that stops from here on resumes this session.
        record.accept(video);
        if (earlier == null || !earlier.uploaded()) {
            graph.uploadHostedVideo(video, secret, url);
        }
        return video;
    }

    /** Waits (at most {@code video-poll-max}) until Meta says the video is {@code done}; its error fails it. */
    private void awaitVideo(String video, String secret, Predicate<GraphClient.VideoStatus> done) {
        AtomicReference<GraphClient.VideoStatus> last = new AtomicReference<>();
        StatusPolls.awaitFinished(() -> {
            GraphClient.VideoStatus status = graph.videoStatus(video, secret);
            last.set(status);
            return done.test(status) ? "FINISHED" : status.failed() ? "ERROR" : "IN_PROGRESS";
        }, properties.containerPollInitial(), properties.videoPollMax(), clock,
                status -> new VideoFailed(status, last.get() == null ? null : last.get().error()));
    }

    private static String strip(String text) {
        return text == null ? "" : text.strip();
    }

    /**
     * Facebook did not process the video ({@code ERROR}, with Meta's reason when it gave one) or not within
     * {@code video-poll-max} ({@code IN_PROGRESS}): this attempt ends; a later one looks at the same upload first.
     */
    static final class VideoFailed extends Publisher.ContainerFailed {

        private final String reason;

        VideoFailed(String status, String reason) {
            super(status, "Facebook video " + status + (reason == null ? "" : ": " + reason));
            this.reason = reason;
        }

        /** Meta's reason for the error, if it gave one. */
        String reason() {
            return reason;
        }
    }
}
