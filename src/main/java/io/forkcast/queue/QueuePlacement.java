package io.forkcast.queue;

import io.forkcast.captions.Intent;
import io.forkcast.captions.RestaurantHours;
import io.forkcast.posts.QueueSlots;
import io.forkcast.tenancy.TenantId;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The posting slots as the posts module asks for them when it queues a post or moves the queue up. */
@Component
class QueuePlacement implements QueueSlots {

    private final PostingSlots slots;
    private final RestaurantHours hours;

    QueuePlacement(PostingSlots slots, RestaurantHours hours) {
        this.slots = slots;
        this.hours = hours;
    }

    @Override
    public void lock(TenantId tenantId, Collection<UUID> accountIds) {
        slots.lock(tenantId, accountIds);
    }

    @Override
    public Optional<Instant> next(TenantId tenantId, ZoneId zone, Collection<UUID> accountIds, Intent intent,
            Instant after, Instant until, Map<UUID, Set<Instant>> taken) {
        return SlotWeek.next(slots.of(tenantId, accountIds), accountIds, zone,
                intent == Intent.VISIT ? hours.get(tenantId) : null, after, until, taken);
    }
}
