package io.forkcast.posts;

import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;

import java.time.Duration;
import java.util.UUID;

/** A post went out on one network ({@code lateness}: how long after it was due, zero or more). */
public record DeliveryPublished(TenantId tenantId, PostId postId, UUID deliveryId, UUID accountId, Platform platform,
        String platformPostId, Duration lateness) {
}
