package io.forkcast.posts;

import io.forkcast.accounts.AccountDisconnected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;

import java.time.Clock;
import java.util.UUID;

/**
 * A disconnected account cannot publish: its scheduled deliveries are held with a sentence saying what to do,
 * instead of failing one by one when their time comes. Runs once the disconnect committed, in the tenant's scope
 * of the request that disconnected it.
 */
@Component
class DisconnectedAccountHolds {

    static final String REASON = "The account was disconnected; reconnect it and publish this delivery again, "
            + "or cancel the post.";

    private static final Logger log = LoggerFactory.getLogger(DisconnectedAccountHolds.class);

    private final PostRepository posts;
    private final Clock clock;

    DisconnectedAccountHolds(PostRepository posts, Clock clock) {
        this.posts = posts;
        this.clock = clock;
    }

    @TransactionalEventListener
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    void on(AccountDisconnected disconnected) {
        UUID tenantId = disconnected.tenantId().value();
        UUID accountId = disconnected.accountId().value();
        int held = 0;
        for (UUID postId : posts.withScheduledDeliveriesTo(tenantId, accountId)) {
            Post post = posts.lock(tenantId, postId).orElseThrow();
            held += post.holdScheduledTo(accountId, REASON, clock.instant());
            posts.saveAndFlush(post);
        }
        if (held > 0) {
            log.info("Held {} scheduled deliveries of disconnected account {}", held, accountId);
        }
    }
}
