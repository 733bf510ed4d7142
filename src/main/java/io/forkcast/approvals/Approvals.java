package io.forkcast.approvals;

import io.forkcast.posts.ApprovalStage;
import io.forkcast.posts.PostId;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.tenancy.Actor;
import io.forkcast.tenancy.TenantId;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Approving posts: the tenant's setting, the decisions of its owners and admins (approve, ask for changes,
 * reject), an editor's submission of a draft again, and the record of every step. The post's own state lives in
 * {@code posts}; this module asks it to move and writes down who moved it and when.
 */
@Service
public class Approvals {

    /** A post and where it stands with its approval, with every step so far, oldest first. */
    public record PostApproval(PostId postId, ApprovalStage stage, List<ApprovalRecord> history) {
    }

    private final ApprovalStore store;
    private final Posts posts;
    private final Actors actors;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    Approvals(ApprovalStore store, Posts posts, Actors actors, ApplicationEventPublisher events, Clock clock) {
        this.store = store;
        this.posts = posts;
        this.actors = actors;
        this.events = events;
        this.clock = clock;
    }

    /** Whether posts written by editors (and by keys without the admin scope) wait for an owner's approval. */
    @Transactional(readOnly = true)
    public boolean editorsNeedApproval(TenantId tenantId) {
        return store.editorsNeedApproval(tenantId.value());
    }

    @Transactional
    public boolean editorsNeedApproval(TenantId tenantId, boolean needed) {
        store.editorsNeedApproval(tenantId.value(), needed, clock.instant());
        return needed;
    }

    @Transactional(readOnly = true)
    public PostApproval of(TenantId tenantId, PostId postId) {
        ApprovalStage stage = posts.approvalStage(tenantId, postId);
        return new PostApproval(postId, stage, store.records(tenantId.value(), postId.value()));
    }

    /**
     * Approves the post: scheduled at the time it was written for, or at {@code at} (now with {@code publishNow});
     * 409 with {@code scheduled_for} when its time has passed and no new one is given.
     */
    @Transactional
    public PostView approve(TenantId tenantId, PostId postId, Instant at, boolean publishNow, String comment) {
        ActedBy by = approver(tenantId);
        PostView post = posts.approve(tenantId, postId, at, publishNow);
        record(tenantId, postId, ApprovalAction.APPROVED, by, comment, post.scheduledFor());
        return post;
    }

    /** Sends the post back to its author as a draft, with what to change. */
    @Transactional
    public PostView requestChanges(TenantId tenantId, PostId postId, String comment) {
        ActedBy by = approver(tenantId);
        PostView post = posts.returnToDraft(tenantId, postId);
        record(tenantId, postId, ApprovalAction.CHANGES_REQUESTED, by, comment, null);
        return post;
    }

    /** Rejects the post: it will not be published (its deliveries are cancelled). */
    @Transactional
    public PostView reject(TenantId tenantId, PostId postId, String comment) {
        ActedBy by = approver(tenantId);
        PostView post = posts.reject(tenantId, postId);
        record(tenantId, postId, ApprovalAction.REJECTED, by, comment, null);
        return post;
    }

    /** Submits a draft (sent back for changes) for approval again; anyone who may write posts can. */
    @Transactional
    public PostView submit(TenantId tenantId, PostId postId) {
        ActedBy by = actors.currentDescribed(tenantId);
        PostView post = posts.submitForApproval(tenantId, postId);
        record(tenantId, postId, ApprovalAction.REQUESTED, by, null, null);
        return post;
    }

    /** The post asked for approval when it was written or changed (from {@link EditorApprovals}). */
    void requested(TenantId tenantId, PostId postId) {
        record(tenantId, postId, ApprovalAction.REQUESTED, Actor.current()
                .map(actor -> actors.describe(tenantId, actor))
                .orElse(new ActedBy(ActorKind.OPERATOR, null, "Forkcast")), null, null);
    }

    /**
     * A share link's holder decided; the link is already marked used in this transaction. {@code asSoonAsPossible}:
     * approved to go out now, its planned time having passed.
     */
    PostView decideByLink(TenantId tenantId, PostId postId, ShareLink link, ApprovalAction action, String comment,
            boolean asSoonAsPossible) {
        ActedBy by = new ActedBy(ActorKind.SHARE_LINK, link.id(),
                link.label() == null ? "Someone with a share link" : link.label() + " (share link)");
        PostView post = switch (action) {
            case APPROVED -> posts.approve(tenantId, postId, null, asSoonAsPossible);
            case CHANGES_REQUESTED -> posts.returnToDraft(tenantId, postId);
            default -> throw new IllegalArgumentException("A share link approves or asks for changes");
        };
        record(tenantId, postId, action, by, comment, action == ApprovalAction.APPROVED ? post.scheduledFor() : null);
        return post;
    }

    private ActedBy approver(TenantId tenantId) {
        Actor actor = actors.current();
        if (!actor.manages()) {
            throw DomainException.forbidden("Only an owner or an admin (or an API key with the 'admin' scope) can "
                    + "approve, send back or reject a post.");
        }
        return actors.describe(tenantId, actor);
    }

    private void record(TenantId tenantId, PostId postId, ApprovalAction action, ActedBy by, String comment,
            Instant scheduledFor) {
        ApprovalRecord record = new ApprovalRecord(Ids.newId(), postId.value(), action, by,
                comment == null || comment.isBlank() ? null : comment.strip(), scheduledFor,
                clock.instant().truncatedTo(ChronoUnit.MICROS));
        store.insert(tenantId.value(), record);
        events.publishEvent(new ApprovalRecorded(tenantId, postId, record,
                store.lastRequester(tenantId.value(), postId.value()).orElse(null)));
    }
}
