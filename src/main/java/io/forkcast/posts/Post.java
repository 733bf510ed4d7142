package io.forkcast.posts;

import io.forkcast.accounts.Platform;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * One post to one account. Owns its state machine: every transition is a method here that refuses the moves
 * the machine does not have; the version column makes two instances' concurrent transitions exclusive.
 */
@Entity
@Table(name = "post_history")
class Post {

    @Id
    private UUID id;
    private UUID tenantId;
    private UUID accountId;
    private UUID groupId;
    private Platform platform;
    private String platformPostId;
    private String permalink;
    private String caption;
    private String imageUrl;
    private Instant scheduledFor;
    private Instant postedAt;
    private PostStatus status;
    private String errorCode;
    private String errorMessage;
    private int engagementLikes;
    private int engagementComments;
    private Instant engagementSyncedAt;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;
    private boolean publishedLate;
    private int attemptCount;
    private LocalDate quotaDay;

    protected Post() {
    }

    Post(UUID tenantId, UUID accountId, UUID groupId, Platform platform, String caption, Instant scheduledFor,
            LocalDate quotaDay, Instant now) {
        this.id = Ids.newId();
        this.tenantId = tenantId;
        this.accountId = accountId;
        this.groupId = groupId;
        this.platform = platform;
        this.caption = caption;
        this.scheduledFor = scheduledFor.truncatedTo(ChronoUnit.MICROS);
        this.quotaDay = quotaDay;
        this.status = PostStatus.SCHEDULED;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = this.createdAt;
    }

    /** A new attempt starts: only a scheduled or retrying post may be published. */
    int startAttempt(Instant now, boolean late) {
        if (status != PostStatus.SCHEDULED && status != PostStatus.RETRYING && status != PostStatus.PUBLISHING) {
            throw new IllegalStateException("A " + status.wireName() + " post is not published");
        }
        if (status == PostStatus.SCHEDULED && late) {
            publishedLate = true;
        }
        status = PostStatus.PUBLISHING;
        attemptCount++;
        touch(now);
        return attemptCount;
    }

    /** Too late to go out unattended: waits for the owner (publish now, or cancel). */
    void hold(Instant now) {
        requireStatus(PostStatus.SCHEDULED, "held");
        status = PostStatus.HELD;
        touch(now);
    }

    void published(String platformPostId, String permalink, Instant postedAt, Instant now) {
        requireStatus(PostStatus.PUBLISHING, "marked published");
        this.status = PostStatus.PUBLISHED;
        this.platformPostId = platformPostId;
        this.permalink = permalink;
        this.postedAt = postedAt.truncatedTo(ChronoUnit.MICROS);
        this.errorCode = null;
        this.errorMessage = null;
        touch(now);
    }

    void retrying(String errorCode, String message, Instant now) {
        requireStatus(PostStatus.PUBLISHING, "retried");
        this.status = PostStatus.RETRYING;
        this.errorCode = errorCode;
        this.errorMessage = message;
        touch(now);
    }

    void failed(String errorCode, String message, Instant now) {
        requireStatus(PostStatus.PUBLISHING, "failed");
        this.status = PostStatus.FAILED;
        this.errorCode = errorCode;
        this.errorMessage = message;
        touch(now);
    }

    void cancel(Instant now) {
        if (status != PostStatus.SCHEDULED && status != PostStatus.HELD) {
            throw DomainException.conflict("Only a scheduled or held post can be cancelled; this one is "
                    + status.wireName() + ".");
        }
        status = PostStatus.CANCELLED;
        touch(now);
    }

    void reschedule(Instant scheduledFor, LocalDate quotaDay, Instant now) {
        requireEditable();
        this.scheduledFor = scheduledFor.truncatedTo(ChronoUnit.MICROS);
        this.quotaDay = quotaDay;
        touch(now);
    }

    void editCaption(String caption, Instant now) {
        requireEditable();
        this.caption = caption;
        touch(now);
    }

    /** A failed or held post goes back to the schedule, due at {@code at}; its attempts stay. */
    void retryFailed(Instant at, Instant now) {
        if (status != PostStatus.FAILED && status != PostStatus.HELD) {
            throw DomainException.conflict("Only a failed or held post can be retried; this one is "
                    + status.wireName() + ".");
        }
        status = PostStatus.SCHEDULED;
        scheduledFor = at.truncatedTo(ChronoUnit.MICROS);
        errorCode = null;
        errorMessage = null;
        touch(now);
    }

    void engagement(int likes, int comments, Instant now) {
        this.engagementLikes = likes;
        this.engagementComments = comments;
        this.engagementSyncedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    String platformPostIdOrNull() {
        return platformPostId;
    }

    private void requireEditable() {
        if (status != PostStatus.SCHEDULED) {
            throw DomainException.conflict("Only a scheduled post can be changed; this one is " + status.wireName()
                    + ".");
        }
    }

    private void requireStatus(PostStatus expected, String what) {
        if (status != expected) {
            throw new IllegalStateException("A " + status.wireName() + " post cannot be " + what);
        }
    }

    private void touch(Instant now) {
        updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    UUID id() { return id; }
    UUID tenantId() { return tenantId; }
    UUID accountId() { return accountId; }
    UUID groupId() { return groupId; }
    Platform platform() { return platform; }
    String platformPostId() { return platformPostId; }
    String permalink() { return permalink; }
    String caption() { return caption; }
    Instant scheduledFor() { return scheduledFor; }
    Instant postedAt() { return postedAt; }
    PostStatus status() { return status; }
    String errorCode() { return errorCode; }
    String errorMessage() { return errorMessage; }
    int engagementLikes() { return engagementLikes; }
    int engagementComments() { return engagementComments; }
    Instant createdAt() { return createdAt; }
    boolean publishedLate() { return publishedLate; }
    int attemptCount() { return attemptCount; }
    LocalDate quotaDay() { return quotaDay; }
}
