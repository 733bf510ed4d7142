package io.forkcast.posts;

import io.forkcast.captions.Intent;
import io.forkcast.shared.GooglePost;
import io.forkcast.shared.Platform;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A post as other modules and the API see it: the owner's content and each network's delivery.
 *
 * @param intent what the post asks of its readers
 * @param menuItemId the menu item it is about, if any
 * @param pinned whether the owner gave its time ({@code false}: the queue placed it in a posting slot and moves it
 *               earlier when a queued post before it is removed)
 * @param queueNote why a queued post kept a time that is no longer one of its posting slots (null: nothing to tell)
 */
public record PostView(PostId id, PostStatus status, String caption, List<UUID> assetIds, Instant scheduledFor,
        Instant createdAt, List<DeliveryView> deliveries, Intent intent, UUID menuItemId, boolean pinned,
        String queueNote) {

    /**
     * One network's delivery. {@code caption} is what goes out there; {@code late}: it went out more than the
     * configured time after it was due; {@code failure} is set while failed, retrying or held.
     *
     * @param attempts each publish try, oldest first (empty in lists)
     * @param google a Google listing's post type, button, offer or event (null for other networks)
     * @param stateAtGoogle a published Google post's state there: {@code processing}, {@code live} or
     *                      {@code rejected} (Google's API gives no reason; the listing's Business Profile shows it)
     * @param firstComment the comment posted right after the delivery is published, and how that went (null: none)
     * @param placeId the Page with a location the delivery is tagged at (null: not tagged)
     * @param shareToFeed an Instagram Reel's choice to show in the feed grid too (null for other formats)
     */
    public record DeliveryView(UUID id, UUID accountId, Platform platform, Platform.Format format,
            DeliveryStatus status, String caption,
            String platformPostId, String permalink, Instant postedAt, Failure failure, boolean late,
            int engagementLikes, int engagementComments, List<AttemptView> attempts, GooglePost google,
            String stateAtGoogle, FirstCommentView firstComment, String placeId, Boolean shareToFeed) {
    }

    /**
     * A delivery's first comment: its text, where it is ({@code pending} until the delivery is published), the
     * comment's id on the network once posted, and why it was not posted (a sentence for the owner).
     */
    public record FirstCommentView(String message, FirstCommentStatus status, String commentId, String error,
            int tries, Instant at) {
    }

    /** Why a delivery failed or waits: Graph's code (or {@code held}, {@code menu_item}, {@code account}, {@code google_off}) and a sentence to act on. */
    public record Failure(String code, String message) {
    }

    /** One publish try. */
    public record AttemptView(int number, Instant startedAt, Instant finishedAt, AttemptOutcome outcome,
            String errorCode, String errorMessage, String containerId) {
    }

    static PostView of(Post post, List<UUID> assetIds, boolean withAttempts) {
        return new PostView(new PostId(post.id()), post.status(), post.caption(), List.copyOf(assetIds),
                post.scheduledFor(), post.createdAt(), post.deliveries().stream()
                .map(d -> delivery(d, withAttempts)).toList(), post.intent(), post.menuItemId(), post.pinned(),
                post.queueNote());
    }

    private static DeliveryView delivery(Delivery d, boolean withAttempts) {
        Failure failure = d.errorCode() == null && d.errorMessage() == null ? null
                : new Failure(d.errorCode(), d.errorMessage());
        List<AttemptView> attempts = !withAttempts ? List.of() : d.attempts().stream()
                .map(a -> new AttemptView(a.number(), a.startedAt(), a.finishedAt(), a.outcome(), a.errorCode(),
                        a.errorMessage(), a.containerId())).toList();
        return new DeliveryView(d.id(), d.accountId(), d.platform(), d.format(), d.status(), d.caption(), d.platformPostId(),
                d.permalink(), d.postedAt(), failure, d.publishedLate(), d.engagementLikes(),
                d.engagementComments(), attempts, d.googlePost(),
                d.stateAtGoogle() == null ? null : d.stateAtGoogle().toLowerCase(java.util.Locale.ROOT),
                d.firstComment() == null ? null
                        : new FirstCommentView(d.firstComment(), d.firstCommentStatus(), d.firstCommentId(),
                                d.firstCommentError(), d.firstCommentTries(), d.firstCommentAt()),
                d.placeId(), d.shareToFeed());
    }
}
