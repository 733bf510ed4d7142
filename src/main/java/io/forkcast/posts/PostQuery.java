package io.forkcast.posts;

import java.time.Instant;
import java.util.UUID;

/** Filters of the post list; each may be null. {@code from} inclusive, {@code to} exclusive, on scheduled_for. */
public record PostQuery(PostStatus status, UUID accountId, Instant from, Instant to) {
}
