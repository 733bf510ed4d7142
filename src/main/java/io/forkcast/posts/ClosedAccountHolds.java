package io.forkcast.posts;

import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantClosed;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.util.UUID;

/**
 * A closed account publishes nothing more: its scheduled deliveries are held, once the closure committed (through
 * the event publication registry). Restored, the owner publishes them again or cancels them, as with any hold.
 */
@Component
class ClosedAccountHolds {

    static final String REASON = "The restaurant's account was closed; once it is restored, publish this delivery "
            + "again or cancel the post.";

    private static final Logger log = LoggerFactory.getLogger(ClosedAccountHolds.class);

    private final PostRepository posts;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate tx;
    private final Clock clock;

    ClosedAccountHolds(PostRepository posts, CurrentTenant currentTenant, PlatformTransactionManager transactions,
            Clock clock) {
        this.posts = posts;
        this.currentTenant = currentTenant;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(TenantClosed closed) {
        UUID tenantId = closed.tenantId().value();
        int held = currentTenant.callAsTenant(closed.tenantId(), null, () -> tx.execute(status -> {
            int count = 0;
            for (UUID postId : posts.withScheduledDeliveries(tenantId)) {
                Post post = posts.lock(tenantId, postId).orElseThrow();
                count += post.holdScheduled(REASON, clock.instant());
                posts.saveAndFlush(post);
            }
            return count;
        }));
        if (held > 0) {
            log.info("Held {} scheduled deliveries of closed tenant {}", held, tenantId);
        }
    }
}
