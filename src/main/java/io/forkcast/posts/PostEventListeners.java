package io.forkcast.posts;

import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantSettingsChanged;
import org.springframework.context.event.EventListener;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;

/**
 * A published delivery gets its first engagement figures at once, through the event publication registry: a crash
 * before the sync ran runs it after the restart. (An asset's deletion needs no listener: it is refused while a
 * delivery still has to publish it, and the finished posts that showed it let it go by the foreign key's cascade.)
 */
@Component
class PostEventListeners {

    private final EngagementSync engagement;
    private final CurrentTenant currentTenant;
    private final Posts posts;

    PostEventListeners(EngagementSync engagement, CurrentTenant currentTenant, Posts posts) {
        this.engagement = engagement;
        this.currentTenant = currentTenant;
        this.posts = posts;
    }

    /**
     * Slots are local times: after the restaurant's time zone changes, queued posts go to their slots' new instants
     * (pinned posts keep theirs: the owner chose that moment). In the change's own transaction, so the settings and
     * the queue change together; a change of anything else finds every queued post on a slot and moves none.
     */
    @EventListener
    void on(TenantSettingsChanged changed) {
        posts.requeue(changed.tenantId());
    }

    // No transaction around the listener: the sync calls Graph first, and opens its own in the tenant's scope.
    @ApplicationModuleListener(propagation = Propagation.NOT_SUPPORTED)
    void on(DeliveryPublished published) {
        currentTenant.callAsTenant(published.tenantId(), null, () -> {
            engagement.sync(published);
            return null;
        });
    }
}
