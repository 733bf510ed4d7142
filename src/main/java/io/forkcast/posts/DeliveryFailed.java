package io.forkcast.posts;

import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;

import java.util.UUID;

/**
 * A delivery failed for good (until the owner retries it); {@code reason} is a fixed word such as
 * {@code auth_invalid}, {@code container} or {@code account}, never a message; {@code attemptId}: the attempt
 * that failed (a delivery retried by the owner may fail again, with another attempt).
 */
public record DeliveryFailed(TenantId tenantId, PostId postId, UUID deliveryId, UUID accountId, Platform platform,
        String reason, UUID attemptId) {
}
