package io.forkcast.posts;

import io.forkcast.tenancy.TenantId;

import java.time.Instant;
import java.util.UUID;

/**
 * A post about a menu item waits for the owner: the item is sold out or out of season at the post's time.
 * {@code reason} is the sentence the owner reads; {@code scheduledFor} the time the post was due.
 */
public record MenuItemPostHeld(TenantId tenantId, PostId postId, UUID menuItemId, String reason,
        Instant scheduledFor) {
}
