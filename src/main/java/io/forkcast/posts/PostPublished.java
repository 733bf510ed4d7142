package io.forkcast.posts;

import io.forkcast.tenancy.TenantId;

/** Every delivery of a post is done and at least one went out; {@code complete} when all of them did. */
public record PostPublished(TenantId tenantId, PostId postId, boolean complete) {
}
