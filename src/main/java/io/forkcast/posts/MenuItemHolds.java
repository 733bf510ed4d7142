package io.forkcast.posts;

import io.forkcast.captions.MenuItemAvailabilityChanged;
import io.forkcast.captions.MenuItems;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * A post about a menu item does not go out while the item is sold out or out of season: its scheduled deliveries
 * are held (code {@value #CODE}) with the reason, and the owner resumes or drops it once the item is back. Checked
 * when the item's availability changes (so the calendar shows the hold at once) and again at publish time.
 */
@Component
class MenuItemHolds {

    /** The failure code of a delivery held for its menu item. */
    static final String CODE = "menu_item";
    static final String ADVICE = " The post waits: resume it once the item is back, or drop it.";

    private static final Logger log = LoggerFactory.getLogger(MenuItemHolds.class);

    private final PostRepository posts;
    private final MenuItems items;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate tx;
    private final Clock clock;

    MenuItemHolds(PostRepository posts, MenuItems items, CurrentTenant currentTenant,
            PlatformTransactionManager transactions, Clock clock) {
        this.posts = posts;
        this.items = items;
        this.currentTenant = currentTenant;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Why a post about {@code menuItemId} cannot go out at {@code at}; empty when it can (or is about no item). */
    Optional<String> reason(TenantId tenantId, UUID menuItemId, Instant at) {
        return menuItemId == null ? Optional.empty() : items.unavailableAt(tenantId, menuItemId, at);
    }

    /**
     * At publish time, in the publisher's transaction with the post locked: holds the post's scheduled deliveries
     * when its item cannot be posted about now; answers whether it did.
     */
    boolean holdAtPublish(Post post, Instant now) {
        Optional<String> reason = reason(new TenantId(post.tenantId()), post.menuItemId(), now);
        if (reason.isEmpty()) {
            return false;
        }
        log.info("Post {} held at publish time: its menu item {} is unavailable", post.id(), post.menuItemId());
        post.holdForMenuItem(reason.get() + ADVICE, CODE, now);
        posts.saveAndFlush(post);
        return true;
    }

    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(MenuItemAvailabilityChanged changed) {
        TenantId tenant = changed.tenantId();
        int held = currentTenant.callAsTenant(tenant, null, () -> tx.execute(status -> {
            int count = 0;
            Instant now = clock.instant();
            for (UUID postId : posts.withScheduledDeliveriesAbout(tenant.value(), changed.menuItemId())) {
                Post post = posts.lock(tenant.value(), postId).orElseThrow();
                Optional<String> reason = reason(tenant, post.menuItemId(), post.scheduledFor().isAfter(now)
                        ? post.scheduledFor() : now);
                if (reason.isPresent()) {
                    count += post.holdForMenuItem(reason.get() + ADVICE, CODE, now);
                    posts.saveAndFlush(post);
                }
            }
            return count;
        }));
        if (held > 0) {
            log.info("Held {} scheduled deliveries about menu item {}", held, changed.menuItemId());
        }
    }
}
