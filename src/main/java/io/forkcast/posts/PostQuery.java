package io.forkcast.posts;

import java.time.Instant;
import java.util.UUID;

/**
 * Filters of the post list; each may be null. {@code accountId}: posts with a delivery to that account;
 * {@code from} inclusive, {@code to} exclusive, on the post's time.
 */
public record PostQuery(PostStatus status, UUID accountId, Instant from, Instant to) {
}
