package io.forkcast.approvals;

import io.forkcast.posts.PostId;
import io.forkcast.posts.Posts;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.Actor;
import io.forkcast.tenancy.TenantId;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/** The internal thread of a post: the team's notes to each other, oldest first; each author may delete their own. */
@Service
public class PostComments {

    /** The longest comment, in characters. */
    public static final int MAX_LENGTH = 2000;

    private final ApprovalStore store;
    private final Posts posts;
    private final Actors actors;
    private final Clock clock;

    PostComments(ApprovalStore store, Posts posts, Actors actors, Clock clock) {
        this.store = store;
        this.posts = posts;
        this.actors = actors;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public CursorPage<PostComment> list(TenantId tenantId, PostId postId, PageRequest page) {
        posts.approvalStage(tenantId, postId);
        List<PostComment> rows = store.comments(tenantId.value(), postId.value(), page.after(), page.size() + 1);
        return CursorPage.of(rows, page.size(), PostComment::id, comment -> comment);
    }

    /** Adds a comment by the current actor (404 for another tenant's or an unknown post). */
    @Transactional
    public PostComment add(TenantId tenantId, PostId postId, String body) {
        posts.approvalStage(tenantId, postId);
        PostComment comment = new PostComment(Ids.newId(), postId.value(), actors.currentDescribed(tenantId),
                body.strip(), clock.instant().truncatedTo(ChronoUnit.MICROS));
        store.insert(tenantId.value(), comment);
        return comment;
    }

    /** Deletes a comment of the current actor's; someone else's is refused (403), an unknown one not found. */
    @Transactional
    public void delete(TenantId tenantId, PostId postId, UUID commentId) {
        PostComment comment = store.comment(tenantId.value(), postId.value(), commentId)
                .orElseThrow(() -> DomainException.notFound("Comment"));
        Actor actor = actors.current();
        boolean own = comment.author().kind().name().equals(actor.kind().name())
                && Objects.equals(comment.author().id(), actor.id());
        if (!own) {
            throw DomainException.forbidden("Only its author can delete a comment.");
        }
        store.deleteComment(tenantId.value(), commentId);
    }
}
