package io.forkcast.posts;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.forkcast.tenancy.TenantSettingsChanged;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.time.Clock;

/**
 * The posts module's own reactions to events. (An asset's deletion needs no listener: it is refused while a delivery
 * still has to publish it, and the finished posts that showed it let it go by the foreign key's cascade.)
 */
@Component
class PostEventListeners {

    private final Posts posts;
    private final ObjectProvider<SchedulerClient> jobs;
    private final PostsProperties properties;
    private final Clock clock;

    PostEventListeners(Posts posts, ObjectProvider<SchedulerClient> jobs, PostsProperties properties, Clock clock) {
        this.posts = posts;
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
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

    /**
     * A published delivery's first figures are fetched a while later (at once they are all zero), by a job queued in
     * the transaction that records it published: a crash loses none, and a burst of publishing is not slowed by a
     * Graph call per post.
     */
    @EventListener
    void on(DeliveryPublished published) {
        if (published.platformPostId() == null) {
            return; // published with its id unknown: there is nothing to read
        }
        jobs.getObject().scheduleIfNotExists(FirstEngagementJob.instance(published.deliveryId(),
                published.tenantId().value()), clock.instant().plus(properties.firstEngagementAfter()));
    }
}
