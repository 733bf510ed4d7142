package io.forkcast.posts;

import io.forkcast.tenancy.TenantId;

import java.util.UUID;

/**
 * Every delivery of the post failed (none went out); {@code attemptId}: the attempt whose failure made it so (a post
 * whose deliveries the owner retries may fail again).
 */
public record PostFailed(TenantId tenantId, PostId postId, UUID attemptId) {
}
