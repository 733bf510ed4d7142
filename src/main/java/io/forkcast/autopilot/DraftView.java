package io.forkcast.autopilot;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A post autopilot wrote: for a daily {@code special} (its {@code menuItemId}) or an {@code occasion}, for the date
 * {@code forDate}; {@code postId} once approved.
 */
public record DraftView(UUID id, DraftKind kind, LocalDate forDate, UUID menuItemId, String occasion, String caption,
        List<UUID> assetIds, DraftStatus status, UUID postId, Instant createdAt) {
}
