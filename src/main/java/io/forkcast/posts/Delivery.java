package io.forkcast.posts;

import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.shared.Platform;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A post's delivery to one account: its own state machine and attempts. Only its {@link Post} changes it, so that
 * every move goes through the aggregate (which recomputes the post's status); each method refuses the moves the
 * machine does not have.
 */
@Entity
@Table(name = "post_deliveries")
class Delivery {

    @Id
    private UUID id;
    private UUID tenantId;
    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "post_id")
    private Post post;
    private UUID accountId;
    private Platform platform;
    private Platform.Format format;
    private int position;
    @Column(name = "caption")
    private String captionOverride;
    private DeliveryStatus status;
    private String platformPostId;
    private String permalink;
    private Instant dueAt;
    private Instant postedAt;
    private String errorCode;
    private String errorMessage;
    private boolean publishedLate;
    private int engagementLikes;
    private int engagementComments;
    private Instant engagementSyncedAt;
    @JdbcTypeCode(SqlTypes.JSON)
    private io.forkcast.shared.GooglePost googlePost;
    @Column(name = "platform_state")
    private String googleState;
    private String firstComment;
    private FirstCommentStatus firstCommentStatus;
    private String firstCommentId;
    private String firstCommentError;
    private int firstCommentTries;
    private Instant firstCommentAt;
    private String placeId;
    private Boolean shareToFeed;
    private Instant createdAt;
    private Instant updatedAt;
    // Written only by PostRepository.recordPreparation, never by the post's saves: a save that read the row before
    // the preparation was recorded would otherwise write it back empty.
    @Column(insertable = false, updatable = false)
    private String preparedMedia;
    @Column(insertable = false, updatable = false)
    private String preparedFor;
    @Column(insertable = false, updatable = false)
    private Instant preparedAt;
    @OneToMany(mappedBy = "delivery", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("number")
    private List<Attempt> attempts = new ArrayList<>();

    protected Delivery() {
    }

    Delivery(Post post, int position, UUID accountId, Platform platform, Platform.Format format,
            String captionOverride, io.forkcast.shared.GooglePost googlePost, Instant dueAt, Instant now) {
        this.googlePost = googlePost;
        this.dueAt = dueAt;
        this.id = Ids.newId();
        this.tenantId = post.tenantId();
        this.post = post;
        this.position = position;
        this.accountId = accountId;
        this.platform = platform;
        this.format = format;
        this.captionOverride = captionOverride;
        this.status = DeliveryStatus.SCHEDULED;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = this.createdAt;
    }

    /** A Google listing's post fields (null for other networks). */
    io.forkcast.shared.GooglePost googlePost() {
        return googlePost;
    }

    /** Google's state of the published post ({@code PROCESSING}, {@code LIVE}, {@code REJECTED}); null elsewhere. */
    String stateAtGoogle() {
        return googleState;
    }

    /** Records Google's state of the published post; answers whether it changed. */
    boolean stateAtGoogle(String state, Instant now) {
        if (platform != Platform.GOOGLE_BUSINESS || state == null || state.equals(googleState)) {
            return false;
        }
        googleState = state;
        touch(now);
        return true;
    }

    /**
     * What goes out with the delivery besides its media and caption: a first comment (posted once it is published)
     * and the place it is tagged at; null for none. {@code shareToFeed}: whether an Instagram Reel also shows in the
     * feed grid (null for every other format, which has no such choice).
     */
    void extras(String firstComment, String placeId, Boolean shareToFeed) {
        this.firstComment = firstComment;
        this.firstCommentStatus = firstComment == null ? null : FirstCommentStatus.PENDING;
        this.placeId = placeId;
        this.shareToFeed = shareToFeed;
    }

    /**
     * The first comment's job takes it up: recorded before the call, so that a crash leaves {@code posting} and
     * the next run looks for the comment first. Answers whether an earlier try's outcome is unknown.
     */
    boolean startFirstComment(Instant now) {
        if (status != DeliveryStatus.PUBLISHED || firstCommentStatus == null || !firstCommentStatus.open()) {
            throw new IllegalStateException("No first comment to post on a " + status.wireName() + " delivery");
        }
        boolean unknown = firstCommentTries > 0;
        firstCommentStatus = FirstCommentStatus.POSTING;
        firstCommentTries++;
        firstCommentAt = now.truncatedTo(ChronoUnit.MICROS);
        touch(now);
        return unknown;
    }

    void firstCommentPosted(String commentId, Instant now) {
        firstCommentStatus = FirstCommentStatus.POSTED;
        firstCommentId = commentId;
        firstCommentError = null;
        firstCommentAt = now.truncatedTo(ChronoUnit.MICROS);
        touch(now);
    }

    /** The comment was not posted: tried again later ({@code retrying}) or never ({@code failed}). */
    void firstCommentNotPosted(String reason, boolean willRetry, Instant now) {
        firstCommentStatus = willRetry ? FirstCommentStatus.RETRYING : FirstCommentStatus.FAILED;
        firstCommentError = reason;
        touch(now);
    }

    /** The one guard of the publish path: only a scheduled, retrying or interrupted delivery is tried. */
    Attempt startAttempt(Instant now, boolean late) {
        if (!status.runnable()) {
            throw new IllegalStateException("A " + status.wireName() + " delivery is not published");
        }
        if (status == DeliveryStatus.SCHEDULED && late) {
            publishedLate = true;
        }
        status = DeliveryStatus.PUBLISHING;
        Attempt attempt = new Attempt(this, attempts.size() + 1, now);
        attempts.add(attempt);
        touch(now);
        return attempt;
    }

    /** What {@code errorCode} says of a delivery held until its post is approved. */
    static final String AWAITING_APPROVAL = "approval";

    /** The delivery waits for its post's approval, and publishes only once {@link #release} lets it go. */
    void holdForApproval(String reason, Instant now) {
        hold(reason, now);
        errorCode = AWAITING_APPROVAL;
    }

    boolean heldForApproval() {
        return status == DeliveryStatus.HELD && AWAITING_APPROVAL.equals(errorCode);
    }

    /** The post was approved: a delivery held for it goes back to the schedule, due at {@code at}. */
    void release(Instant at, Instant now) {
        if (!heldForApproval()) {
            throw new IllegalStateException("A " + status.wireName() + " delivery is not waiting for approval");
        }
        status = DeliveryStatus.SCHEDULED;
        dueAt = at.truncatedTo(ChronoUnit.MICROS);
        errorCode = null;
        errorMessage = null;
        touch(now);
    }

    void hold(String reason, Instant now) {
        hold(reason, "held", now);
    }

    /** Held for {@code reason}; {@code code} says what kind of hold it is ({@code held}, {@code menu_item}). */
    void hold(String reason, String code, Instant now) {
        if (status != DeliveryStatus.SCHEDULED) {
            throw new IllegalStateException("A " + status.wireName() + " delivery cannot be held");
        }
        status = DeliveryStatus.HELD;
        errorCode = code;
        errorMessage = reason;
        touch(now);
    }

    /** Held because its network is switched off on this Forkcast: from any state the publish job takes up. */
    void holdWhileNetworkOff(String reason, String code, Instant now) {
        if (!status.runnable()) {
            throw new IllegalStateException("A " + status.wireName() + " delivery is not due");
        }
        status = DeliveryStatus.HELD;
        errorCode = code;
        errorMessage = reason;
        touch(now);
    }

    void finish(UUID attemptId, PublishOutcome outcome, Instant now) {
        if (status != DeliveryStatus.PUBLISHING) {
            throw new IllegalStateException("A " + status.wireName() + " delivery has no attempt to finish");
        }
        Attempt attempt = attempt(attemptId).orElseThrow(() ->
                new IllegalStateException("No attempt " + attemptId + " in delivery " + id));
        switch (outcome) {
            case PublishOutcome.Published published -> {
                attempt.finish(AttemptOutcome.PUBLISHED, null, now);
                published(published.platformPostId(), published.permalink(), published.postedAt());
            }
            case PublishOutcome.Reconciled found -> {
                attempt.finish(AttemptOutcome.RECONCILED, null, now);
                published(found.platformPostId(), found.permalink(), found.postedAt());
            }
            case PublishOutcome.WillRetry retry -> {
                attempt.finish(AttemptOutcome.TRANSIENT, retry.failure(), now);
                status = DeliveryStatus.RETRYING;
                failure(retry.failure());
            }
            case PublishOutcome.Failed failed -> {
                attempt.finish(AttemptOutcome.FAILED, failed.failure(), now);
                status = DeliveryStatus.FAILED;
                failure(failed.failure());
            }
        }
        touch(now);
    }

    private void published(String platformPostId, String permalink, Instant postedAt) {
        status = DeliveryStatus.PUBLISHED;
        this.platformPostId = platformPostId;
        this.permalink = permalink;
        this.postedAt = postedAt.truncatedTo(ChronoUnit.MICROS);
        errorCode = null;
        errorMessage = null;
    }

    private void failure(PublishOutcome.Failure failure) {
        errorCode = failure.code();
        errorMessage = failure.message();
    }

    void cancel(Instant now) {
        if (status != DeliveryStatus.SCHEDULED && status != DeliveryStatus.HELD) {
            throw new IllegalStateException("A " + status.wireName() + " delivery cannot be cancelled");
        }
        status = DeliveryStatus.CANCELLED;
        touch(now);
    }

    /** The post moved: a scheduled delivery follows it, a held one goes back to the schedule at the new time. */
    void reschedule(Instant dueAt, Instant now) {
        if (heldForApproval()) {
            // It moves, and keeps waiting for the approval.
            this.dueAt = dueAt;
            touch(now);
        } else if (status == DeliveryStatus.HELD) {
            retry(dueAt, now);
        } else if (status == DeliveryStatus.SCHEDULED) {
            this.dueAt = dueAt;
            touch(now);
        }
    }

    /** A failed or held delivery goes back to the schedule, due at {@code at}; its attempts stay. */
    void retry(Instant at, Instant now) {
        if (heldForApproval()) {
            throw DomainException.conflict("The " + platform.displayName() + " delivery waits for the post's "
                    + "approval; an owner or admin approves the post to send it.");
        }
        if (status != DeliveryStatus.FAILED && status != DeliveryStatus.HELD) {
            throw DomainException.conflict("Only a failed or held delivery can be retried; the " + platform.displayName()
                    + " delivery is " + status.wireName() + ".");
        }
        status = DeliveryStatus.SCHEDULED;
        dueAt = at.truncatedTo(ChronoUnit.MICROS);
        errorCode = null;
        errorMessage = null;
        touch(now);
    }

    void overrideCaption(String caption, Instant now) {
        this.captionOverride = caption;
        touch(now);
    }

    void engagement(int likes, int comments, Instant now) {
        this.engagementLikes = likes;
        this.engagementComments = comments;
        this.engagementSyncedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /** The caption this network gets: its own, or the post's; none for a format that shows none (Stories). */
    String caption() {
        if (platform.rules(format).map(rules -> !rules.captioned()).orElse(false)) {
            return null;
        }
        return captionOverride != null ? captionOverride : post.caption();
    }

    /** Whether this delivery is publishing and {@code attemptId} is its last attempt, with no outcome yet. */
    boolean awaitsOutcomeOf(UUID attemptId) {
        return status == DeliveryStatus.PUBLISHING && lastAttempt()
                .filter(a -> a.id().equals(attemptId) && a.outcome() == AttemptOutcome.PENDING).isPresent();
    }

    Optional<Attempt> lastAttempt() {
        return attempts.isEmpty() ? Optional.empty() : Optional.of(attempts.getLast());
    }

    private Optional<Attempt> attempt(UUID attemptId) {
        return attempts.stream().filter(a -> a.id().equals(attemptId)).findFirst();
    }

    private void touch(Instant now) {
        updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    UUID id() { return id; }
    UUID tenantId() { return tenantId; }
    Post post() { return post; }
    UUID accountId() { return accountId; }
    Platform platform() { return platform; }
    /** Where on the network it appears: the feed, a Reel or a Story. */
    Platform.Format format() { return format; }
    int position() { return position; }
    String captionOverride() { return captionOverride; }
    DeliveryStatus status() { return status; }
    String platformPostId() { return platformPostId; }
    String permalink() { return permalink; }
    /** When the job runs it: the post's time, or when the owner retried it. */
    Instant dueAt() { return dueAt; }
    Instant postedAt() { return postedAt; }
    String errorCode() { return errorCode; }
    String errorMessage() { return errorMessage; }
    boolean publishedLate() { return publishedLate; }
    int engagementLikes() { return engagementLikes; }
    int engagementComments() { return engagementComments; }
    List<Attempt> attempts() { return List.copyOf(attempts); }
    String firstComment() { return firstComment; }
    Boolean shareToFeed() { return shareToFeed; }
    FirstCommentStatus firstCommentStatus() { return firstCommentStatus; }
    String firstCommentId() { return firstCommentId; }
    String firstCommentError() { return firstCommentError; }
    int firstCommentTries() { return firstCommentTries; }
    Instant firstCommentAt() { return firstCommentAt; }
    String placeId() { return placeId; }

    /** What was made on the network ahead of the time, if anything: see {@link Preparation}. */
    Optional<Preparation> preparation() {
        return preparedMedia == null || preparedFor == null || preparedAt == null ? Optional.empty()
                : Optional.of(new Preparation(List.of(preparedMedia.split(",")), preparedFor, preparedAt));
    }
}
