package io.forkcast.posts;

import io.forkcast.accounts.AccessTokens;
import io.forkcast.accounts.AccountId;
import io.forkcast.meta.GraphClient;
import io.forkcast.meta.GraphError;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Posts a published delivery's first comment, exactly once: the try is recorded before the call, and a try whose
 * outcome is unknown (a crash, a timeout, a temporary error after which the comment may exist) is followed by a
 * look at the object's comments for one by the account with the same text before anything is posted again. A
 * comment that cannot be posted is reported on the delivery; the post stays published.
 */
@Component
class FirstComments {

    private static final Logger log = LoggerFactory.getLogger(FirstComments.class);

    /** What the comment's job needs once the try is recorded. */
    private record Started(UUID postId, UUID deliveryId, UUID accountId, boolean instagram, String objectId,
            String message, boolean unknown, int tries) {
    }

    private final PostRepository posts;
    private final AccessTokens tokens;
    private final GraphClient graph;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate tx;
    private final PostsProperties properties;
    private final Clock clock;

    FirstComments(PostRepository posts, AccessTokens tokens, GraphClient graph, CurrentTenant currentTenant,
            PlatformTransactionManager transactions, PostsProperties properties, Clock clock) {
        this.posts = posts;
        this.tokens = tokens;
        this.graph = graph;
        this.currentTenant = currentTenant;
        this.tx = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    /** Posts the comment of one delivery; answers when to try again (null: done, posted or not). */
    Instant post(TenantId tenantId, UUID deliveryId) {
        return currentTenant.callAsTenant(tenantId, null, () -> run(tenantId, deliveryId));
    }

    private Instant run(TenantId tenantId, UUID deliveryId) {
        Started started = tx.execute(status -> start(tenantId, deliveryId));
        if (started == null) {
            return null;
        }
        AccessTokens.PublishingToken token;
        try {
            token = tokens.forPublishing(tenantId, new AccountId(started.accountId()));
        } catch (DomainException e) {
            notPosted(tenantId, started, "The first comment was not posted: " + e.getMessage(), false);
            return null;
        }
        try {
            if (started.unknown()) {
                Optional<GraphClient.Comment> found = find(started, token);
                if (found.isPresent()) {
                    log.info("First comment of delivery {} was already posted (an earlier try had an unknown "
                            + "outcome)", deliveryId);
                    posted(tenantId, started, found.get().id());
                    return null;
                }
            }
            posted(tenantId, started, graph.comment(started.objectId(), token.accessToken(), started.message()));
            return null;
        } catch (GraphError e) {
            boolean retryable = e.kind() == GraphError.Kind.TRANSIENT || e.kind() == GraphError.Kind.RATE_LIMITED;
            if (retryable && started.tries() < properties.maxAttempts()) {
                Instant retryAt = clock.instant().plus(new Backoff(properties.retryBaseDelay(),
                        properties.retryMaxDelay()).delay(started.tries(), ThreadLocalRandom.current()));
                notPosted(tenantId, started, "The first comment is not posted yet: " + reason(e), true);
                return retryAt;
            }
            notPosted(tenantId, started, "The first comment was not posted: " + reason(e), false);
            return null;
        }
    }

    private Started start(TenantId tenantId, UUID deliveryId) {
        Optional<Post> found = posts.postOfDelivery(tenantId.value(), deliveryId)
                .flatMap(postId -> posts.lock(tenantId.value(), postId));
        if (found.isEmpty()) {
            return null;
        }
        Post post = found.get();
        Delivery delivery = post.delivery(deliveryId);
        if (delivery.status() != DeliveryStatus.PUBLISHED || delivery.firstCommentStatus() == null
                || !delivery.firstCommentStatus().open()) {
            return null;
        }
        if (delivery.platformPostId() == null) {
            // Published with its id unknown (the network's answer was lost and nothing named the post for sure).
            post.firstCommentNotPosted(deliveryId, "The first comment was not posted: "
                    + delivery.platform().displayName() + " did not tell Forkcast which post it is. Add the "
                    + "comment in the app.", false, clock.instant());
            posts.saveAndFlush(post);
            log.info("First comment of delivery {} not posted: the post's id on the network is unknown", deliveryId);
            return null;
        }
        boolean unknown = post.startFirstComment(deliveryId, clock.instant());
        posts.saveAndFlush(post);
        return new Started(post.id(), deliveryId, delivery.accountId(), delivery.platform() == Platform.INSTAGRAM,
                delivery.platformPostId(), delivery.firstComment(), unknown, delivery.firstCommentTries());
    }

    /** The account's own comment with the same text, among the object's comments. */
    private Optional<GraphClient.Comment> find(Started started, AccessTokens.PublishingToken token) {
        return graph.comments(started.objectId(), token.accessToken(), started.instagram()).stream()
                .filter(comment -> Objects.equals(comment.fromId(), token.platformUserId()))
                .filter(comment -> comment.message() != null && comment.message().strip().equals(started.message()))
                .findFirst();
    }

    private void posted(TenantId tenantId, Started started, String commentId) {
        tx.executeWithoutResult(status -> posts.lock(tenantId.value(), started.postId()).ifPresent(post -> {
            post.firstCommentPosted(started.deliveryId(), commentId, clock.instant());
            posts.saveAndFlush(post);
        }));
    }

    private void notPosted(TenantId tenantId, Started started, String reason, boolean willRetry) {
        if (!willRetry) {
            log.info("First comment of delivery {} not posted: {}", started.deliveryId(), reason);
        }
        tx.executeWithoutResult(status -> posts.lock(tenantId.value(), started.postId()).ifPresent(post -> {
            post.firstCommentNotPosted(started.deliveryId(), reason, willRetry, clock.instant());
            posts.saveAndFlush(post);
        }));
    }

    /** Graph's refusal of a comment as a sentence for the owner. */
    static String reason(GraphError e) {
        return switch (e.kind()) {
            case PERMISSION -> "Forkcast may not comment on this account yet; reconnect it and grant every "
                    + "permission asked (commenting needs one more than publishing).";
            case AUTH_INVALID -> "Facebook no longer accepts Forkcast's access; reconnect the account.";
            case TRANSIENT, RATE_LIMITED -> "Facebook had a temporary problem; it will be tried again.";
            default -> e.code() == null ? "Facebook did not answer." : "Facebook refused it: " + e.graphMessage();
        };
    }
}
