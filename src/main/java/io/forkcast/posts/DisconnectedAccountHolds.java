package io.forkcast.posts;

import io.forkcast.accounts.AccountDisconnected;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.forkcast.tenancy.CurrentTenant;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.UUID;

/**
 * A disconnected account cannot publish: its scheduled deliveries are held with a sentence saying what to do,
 * instead of failing one by one when their time comes. Runs once the disconnect committed, through the event
 * publication registry (so a crash before it finished runs it again), in the tenant's scope.
 */
@Component
class DisconnectedAccountHolds {

    static final String REASON = "The account was disconnected; reconnect it and publish this delivery again, "
            + "or cancel the post.";

    private static final Logger log = LoggerFactory.getLogger(DisconnectedAccountHolds.class);

    private final PostRepository posts;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate tx;
    private final Clock clock;

    DisconnectedAccountHolds(PostRepository posts, CurrentTenant currentTenant, PlatformTransactionManager transactions,
            Clock clock) {
        this.posts = posts;
        this.currentTenant = currentTenant;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    // No transaction around the listener: it must begin inside the tenant's scope, which the thread of an
    // asynchronous listener does not have.
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(AccountDisconnected disconnected) {
        UUID tenantId = disconnected.tenantId().value();
        UUID accountId = disconnected.accountId().value();
        int held = currentTenant.callAsTenant(disconnected.tenantId(), null, () -> tx.execute(status -> {
            int count = 0;
            for (UUID postId : posts.withScheduledDeliveriesTo(tenantId, accountId)) {
                Post post = posts.lock(tenantId, postId).orElseThrow();
                count += post.holdScheduledTo(accountId, REASON, clock.instant());
                posts.saveAndFlush(post);
            }
            return count;
        }));
        if (held > 0) {
            log.info("Held {} scheduled deliveries of disconnected account {}", held, accountId);
        }
    }
}
