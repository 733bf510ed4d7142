package io.forkcast.posts;

import java.time.Instant;

/** One point of a post's engagement series; {@code shares} is null where the platform does not tell (Instagram). */
public record EngagementSnapshot(Instant capturedAt, int likes, int comments, Integer shares) {
}
