package io.forkcast.approvals;

import java.time.Instant;
import java.util.UUID;

/** One message of a post's internal thread: who wrote it, when, and what. Never sent to any network. */
public record PostComment(UUID id, UUID postId, ActedBy author, String body, Instant createdAt) {
}
