package io.forkcast.posts;

import io.forkcast.captions.Intent;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;
import org.springframework.data.domain.AfterDomainEventPublication;
import org.springframework.data.domain.DomainEvents;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * The post the owner writes: one caption, ordered media (kept beside it by {@link PostMedia}), one time, and one
 * {@link Delivery} per target account. The aggregate: every change to a delivery goes through a method here that
 * refuses the moves the delivery's state machine does not have, and recomputes the post's derived status. The events
 * its transitions raise are published when the repository saves it.
 */
@Entity
@Table(name = "posts")
class Post {

    /**
     * One network a new post goes to, in one of its formats; {@code caption} overrides the post's for it when not
     * null; {@code google} is a Google listing's post fields (null for other networks); {@code firstComment} and
     * {@code placeId} (a Page with a location) go with it when not null.
     */
    record Target(UUID accountId, Platform platform, String caption, Platform.Format format,
            io.forkcast.shared.GooglePost google, String firstComment, String placeId, Boolean shareToFeed) {

        Target(UUID accountId, Platform platform, String caption) {
            this(accountId, platform, caption, Platform.Format.FEED, null, null, null, null);
        }
    }

    @Id
    private UUID id;
    private UUID tenantId;
    private String caption;
    private Instant scheduledFor;
    private LocalDate quotaDay;
    private Intent intent = Intent.GENERAL;
    private UUID menuItemId;
    /** The owner gave its time (or published it now); false while the queue placed it and may move it. */
    private boolean pinned = true;
    /** Why the queue could not move the post out of a posting slot that no longer exists (null: nothing to tell). */
    private String queueNote;
    private PostStatus status;
    private ApprovalStage approval = ApprovalStage.NONE;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;
    // A page of posts loads its deliveries in a few queries, not one per post.
    @OneToMany(mappedBy = "post", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    @BatchSize(size = 100)
    private List<Delivery> deliveries = new ArrayList<>();
    @Transient
    private final List<Object> events = new ArrayList<>();

    protected Post() {
    }

    Post(UUID tenantId, String caption, Instant scheduledFor, LocalDate quotaDay, List<Target> targets, Instant now) {
        this(tenantId, caption, scheduledFor, quotaDay, targets, Intent.GENERAL, null, now);
    }

    /** Why a delivery waits while its post is not approved, for the owner. */
    static final String AWAITING_APPROVAL = "Waiting for an owner or admin to approve the post.";

    /** A post that asks its readers for {@code intent}, about the menu item {@code menuItemId} (or none). */
    Post(UUID tenantId, String caption, Instant scheduledFor, LocalDate quotaDay, List<Target> targets, Intent intent,
            UUID menuItemId, Instant now) {
        this.intent = intent == null ? Intent.GENERAL : intent;
        this.menuItemId = menuItemId;
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("A post goes to at least one account");
        }
        this.id = Ids.newId();
        this.tenantId = tenantId;
        this.caption = caption;
        this.scheduledFor = scheduledFor.truncatedTo(ChronoUnit.MICROS);
        this.quotaDay = quotaDay;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = this.createdAt;
        for (Target target : targets) {
            Delivery delivery = new Delivery(this, deliveries.size(), target.accountId(), target.platform(),
                    target.format(), target.caption(), target.google(), this.scheduledFor, now);
            delivery.extras(target.firstComment(), target.placeId(), target.shareToFeed());
            deliveries.add(delivery);
        }
        this.status = PostStatus.of(deliveries.stream().map(Delivery::status).toList());
    }

    /** What Google says of a delivery's post now ({@code PROCESSING}, {@code LIVE}, {@code REJECTED}). */
    void stateAtGoogle(UUID deliveryId, String state, Instant now) {
        if (delivery(deliveryId).stateAtGoogle(state, now)) {
            changed(now);
        }
    }

    /** A new attempt at one delivery starts; {@code late} when it starts after the late threshold. */
    Attempt startAttempt(UUID deliveryId, Instant now, boolean late) {
        Attempt attempt = delivery(deliveryId).startAttempt(now, late);
        changed(now);
        return attempt;
    }

    /** A delivery waits for the owner, for {@code reason} (a sentence they can act on). */
    void hold(UUID deliveryId, String reason, Instant now) {
        delivery(deliveryId).hold(reason, now);
        changed(now);
    }

    /**
     * Holds a delivery whose network this Forkcast has switched off: scheduled, or taken up again after a retry or
     * a crash (an attempt of unknown outcome stays so, and is looked for on the network when it is published again).
     */
    void holdWhileNetworkOff(UUID deliveryId, String reason, String code, Instant now) {
        delivery(deliveryId).holdWhileNetworkOff(reason, code, now);
        changed(now);
    }

    /** Holds every scheduled delivery to {@code accountId}; answers how many. */
    int holdScheduledTo(UUID accountId, String reason, Instant now) {
        return holdScheduledWhere(delivery -> delivery.accountId().equals(accountId), reason, now);
    }

    /** Holds every scheduled delivery (the account was closed); answers how many. */
    int holdScheduled(String reason, Instant now) {
        return holdScheduledWhere(delivery -> true, reason, now);
    }

    /**
     * Holds every scheduled delivery because the post's menu item is sold out or out of season ({@code code}
     * tells such holds apart); raises {@link MenuItemPostHeld} when any was; answers how many.
     */
    int holdForMenuItem(String reason, String code, Instant now) {
        int held = holdScheduledWhere(delivery -> true, reason, code, now);
        if (held > 0) {
            events.add(new MenuItemPostHeld(new TenantId(tenantId), new PostId(id), menuItemId, reason,
                    scheduledFor));
        }
        return held;
    }

    private int holdScheduledWhere(java.util.function.Predicate<Delivery> which, String reason, Instant now) {
        return holdScheduledWhere(which, reason, "held", now);
    }

    private int holdScheduledWhere(java.util.function.Predicate<Delivery> which, String reason, String code,
            Instant now) {
        int held = 0;
        for (Delivery delivery : deliveries) {
            if (which.test(delivery) && delivery.status() == DeliveryStatus.SCHEDULED) {
                delivery.hold(reason, code, now);
                held++;
            }
        }
        if (held > 0) {
            changed(now);
        }
        return held;
    }

    /** The first comment of a published delivery is about to be posted; answers whether an earlier try's outcome is unknown. */
    boolean startFirstComment(UUID deliveryId, Instant now) {
        boolean unknown = delivery(deliveryId).startFirstComment(now);
        changed(now);
        return unknown;
    }

    void firstCommentPosted(UUID deliveryId, String commentId, Instant now) {
        delivery(deliveryId).firstCommentPosted(commentId, now);
        changed(now);
    }

    void firstCommentNotPosted(UUID deliveryId, String reason, boolean willRetry, Instant now) {
        delivery(deliveryId).firstCommentNotPosted(reason, willRetry, now);
        changed(now);
    }

    /** Records how an attempt at a delivery ended; raises the events of what it means. */
    void finish(UUID deliveryId, UUID attemptId, PublishOutcome outcome, Instant now) {
        Delivery delivery = delivery(deliveryId);
        PostStatus before = status;
        delivery.finish(attemptId, outcome, now);
        changed(now);
        TenantId tenant = new TenantId(tenantId);
        switch (outcome) {
            case PublishOutcome.Published p -> events.add(published(tenant, delivery));
            case PublishOutcome.Reconciled r -> events.add(published(tenant, delivery));
            case PublishOutcome.Failed f -> events.add(new DeliveryFailed(tenant, new PostId(id), delivery.id(),
                    delivery.accountId(), delivery.platform(), f.failure().kind().tag(), attemptId));
            case PublishOutcome.WillRetry w -> {
            }
        }
        if (before != status && (status == PostStatus.PUBLISHED || status == PostStatus.PARTIALLY_PUBLISHED)) {
            events.add(new PostPublished(tenant, new PostId(id), status == PostStatus.PUBLISHED));
        }
        if (before != status && status == PostStatus.FAILED) {
            events.add(new PostFailed(tenant, new PostId(id), attemptId));
        }
    }

    private DeliveryPublished published(TenantId tenant, Delivery delivery) {
        Duration lateness = Duration.between(delivery.dueAt(), delivery.postedAt());
        return new DeliveryPublished(tenant, new PostId(id), delivery.id(), delivery.accountId(), delivery.platform(),
                delivery.platformPostId(), lateness.isNegative() ? Duration.ZERO : lateness);
    }

    /** Marks a new post as placed by the queue: the queue may move it, until the owner gives it a time. */
    void queued() {
        this.pinned = false;
    }

    /**
     * The queue moves the post to an earlier free slot (a post before it left): every scheduled delivery moves
     * with it; it stays queued. Refused for a post the owner pinned.
     */
    void moveUpInQueue(Instant scheduledFor, LocalDate quotaDay, Instant now) {
        if (pinned) {
            throw new IllegalStateException("The queue never moves a pinned post");
        }
        reschedule(scheduledFor, quotaDay, now);
        this.pinned = false;
    }

    /** The queue could not move the post out of a slot that no longer exists: it keeps its time, and says why. */
    void strandedInQueue(String note, Instant now) {
        if (pinned) {
            throw new IllegalStateException("The queue never moves a pinned post");
        }
        this.queueNote = note;
        changed(now);
    }

    /**
     * The post waits for an owner's approval (new, or changed by someone whose posts need it, or submitted again
     * after changes were asked for): every scheduled delivery is held until {@link #approve}.
     */
    void awaitApproval(Instant now) {
        if (approval == ApprovalStage.PENDING_APPROVAL) {
            throw DomainException.conflict("The post already waits for approval.");
        }
        requireNotStarted("sent for approval");
        requireSomethingToPublish("sent for approval");
        for (Delivery delivery : deliveries) {
            if (delivery.status() == DeliveryStatus.SCHEDULED) {
                delivery.holdForApproval(AWAITING_APPROVAL, now);
            }
        }
        approval = ApprovalStage.PENDING_APPROVAL;
        changed(now);
    }

    /** An approver asked for changes: the post goes back to its author as a draft, its deliveries still held. */
    void returnToDraft(Instant now) {
        requirePending("sent back for changes");
        approval = ApprovalStage.DRAFT;
        changed(now);
    }

    /** Approved: the deliveries that waited for it go on the schedule at {@code at} (the quota day {@code day}). */
    void approve(Instant at, LocalDate quotaDay, Instant now) {
        requirePending("approved");
        this.scheduledFor = at.truncatedTo(ChronoUnit.MICROS);
        this.quotaDay = quotaDay;
        for (Delivery delivery : deliveries) {
            if (delivery.heldForApproval()) {
                delivery.release(this.scheduledFor, now);
            } else if (delivery.status() == DeliveryStatus.SCHEDULED || delivery.status() == DeliveryStatus.HELD) {
                delivery.reschedule(this.scheduledFor, now);
            }
        }
        approval = ApprovalStage.APPROVED;
        changed(now);
    }

    /** Rejected: every delivery that waited is cancelled. */
    void reject(Instant now) {
        requirePending("rejected");
        for (Delivery delivery : deliveries) {
            if (delivery.status() == DeliveryStatus.SCHEDULED || delivery.status() == DeliveryStatus.HELD) {
                delivery.cancel(now);
            }
        }
        approval = ApprovalStage.REJECTED;
        changed(now);
    }

    private void requirePending(String what) {
        if (approval != ApprovalStage.PENDING_APPROVAL || status != PostStatus.PENDING_APPROVAL) {
            throw DomainException.conflict("Only a post waiting for approval can be " + what + "; this one is "
                    + status.wireName().replace('_', ' ') + ".");
        }
    }

    /**
     * Moves every delivery to a new time (a held one goes back to the schedule): all of them, or none. The owner
     * chose the time, so the post is pinned to it from now on.
     */
    void reschedule(Instant scheduledFor, LocalDate quotaDay, Instant now) {
        requireNotStarted("rescheduled");
        requireSomethingToPublish("rescheduled");
        this.scheduledFor = scheduledFor.truncatedTo(ChronoUnit.MICROS);
        this.quotaDay = quotaDay;
        for (Delivery delivery : deliveries) {
            delivery.reschedule(this.scheduledFor, now);
        }
        this.pinned = true;
        this.queueNote = null;
        changed(now);
    }

    /**
     * A new caption for the post, and per-network captions by account ({@code null} values clear an override);
     * for every delivery at once, before any has started.
     */
    void edit(String caption, Map<UUID, String> captionsByAccount, Instant now) {
        requireNotStarted("edited");
        requireSomethingToPublish("edited");
        if (caption != null) {
            this.caption = caption;
        }
        for (Map.Entry<UUID, String> override : captionsByAccount.entrySet()) {
            Delivery delivery = deliveries.stream().filter(d -> d.accountId().equals(override.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("No delivery to account " + override.getKey()));
            delivery.overrideCaption(override.getValue(), now);
        }
        changed(now);
    }

    /**
     * Cancels every delivery that has not started; answers the ones that had (published, failed or under way), which
     * a cancel cannot call back. Refused when nothing was left to cancel.
     */
    List<Delivery> cancel(Instant now) {
        List<Delivery> cancelled = new ArrayList<>();
        List<Delivery> started = new ArrayList<>();
        for (Delivery delivery : deliveries) {
            if (delivery.status() == DeliveryStatus.SCHEDULED || delivery.status() == DeliveryStatus.HELD) {
                delivery.cancel(now);
                cancelled.add(delivery);
            } else if (delivery.status().started()) {
                started.add(delivery);
            }
        }
        if (cancelled.isEmpty()) {
            throw DomainException.conflict("Nothing of this post is left to cancel; it is " + status.wireName() + ".");
        }
        if (approval.holdsBack()) {
            // Withdrawn before anyone decided: nothing waits for approval any more.
            approval = ApprovalStage.NONE;
        }
        changed(now);
        return started;
    }

    /** Puts one failed or held delivery back on the schedule, due at {@code at}. */
    void retry(UUID deliveryId, Instant at, Instant now) {
        delivery(deliveryId).retry(at, now);
        changed(now);
    }

    /**
     * Puts every held delivery back on the schedule, due at {@code at}, which becomes the post's time (the calendar
     * and the API show when it goes out); answers them (none: 409).
     */
    List<Delivery> resume(Instant at, Instant now) {
        List<Delivery> resumed = deliveries.stream().filter(d -> d.status() == DeliveryStatus.HELD).toList();
        if (resumed.isEmpty()) {
            throw DomainException.conflict("Nothing of this post is held; it is " + status.wireName() + ".");
        }
        this.scheduledFor = at.truncatedTo(ChronoUnit.MICROS);
        resumed.forEach(delivery -> delivery.retry(at, now));
        changed(now);
        return resumed;
    }

    void engagement(UUID deliveryId, int likes, int comments, Instant now) {
        delivery(deliveryId).engagement(likes, comments, now);
    }

    /** Whether the delivery is publishing and {@code attemptId} is its attempt still waiting for an outcome. */
    boolean awaitsOutcome(UUID deliveryId, UUID attemptId) {
        return deliveries.stream().anyMatch(d -> d.id().equals(deliveryId) && d.awaitsOutcomeOf(attemptId));
    }

    Delivery delivery(UUID deliveryId) {
        return deliveries.stream().filter(d -> d.id().equals(deliveryId)).findFirst()
                .orElseThrow(() -> DomainException.notFound("Delivery"));
    }

    /** Deliveries that still count against the day's quota: every one not cancelled. */
    int quotaSlots() {
        return (int) deliveries.stream().filter(d -> d.status() != DeliveryStatus.CANCELLED).count();
    }

    private void requireNotStarted(String what) {
        for (Delivery delivery : deliveries) {
            if (delivery.status().started()) {
                throw DomainException.conflict("The post cannot be " + what + ": its " + delivery.platform()
                        .displayName() + " delivery " + delivery.id() + " is already " + delivery.status().wireName()
                        + ".");
            }
        }
    }

    private void requireSomethingToPublish(String what) {
        if (deliveries.stream().noneMatch(d -> d.status() == DeliveryStatus.SCHEDULED
                || d.status() == DeliveryStatus.HELD)) {
            throw DomainException.conflict("A " + status.wireName() + " post cannot be " + what + ".");
        }
    }

    private void changed(Instant now) {
        PostStatus derived = PostStatus.of(deliveries.stream().map(Delivery::status).toList());
        // Waiting for approval shows as such while something still waits; a cancelled post is cancelled.
        status = approval.holdsBack() && derived == PostStatus.HELD
                ? (approval == ApprovalStage.DRAFT ? PostStatus.DRAFT : PostStatus.PENDING_APPROVAL) : derived;
        updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    @DomainEvents
    List<Object> events() {
        return List.copyOf(events);
    }

    @AfterDomainEventPublication
    void clearEvents() {
        events.clear();
    }

    UUID id() { return id; }
    UUID tenantId() { return tenantId; }
    String caption() { return caption; }
    Instant scheduledFor() { return scheduledFor; }
    LocalDate quotaDay() { return quotaDay; }
    Intent intent() { return intent; }
    UUID menuItemId() { return menuItemId; }
    boolean pinned() { return pinned; }

    String queueNote() { return queueNote; }
    PostStatus status() { return status; }
    ApprovalStage approval() { return approval; }
    Instant createdAt() { return createdAt; }
    List<Delivery> deliveries() { return List.copyOf(deliveries); }

    @Override
    public boolean equals(Object other) {
        return other instanceof Post post && Objects.equals(id, post.id);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(id);
    }
}
