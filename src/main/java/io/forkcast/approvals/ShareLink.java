package io.forkcast.approvals;

import java.time.Instant;
import java.util.UUID;

/**
 * A share-for-approval link as the team sees it (never its token, which is shown once, at creation).
 *
 * @param label who it is for (a note for the team)
 * @param usedAction what its holder decided ({@code approved} or {@code changes_requested}; null while unused)
 */
public record ShareLink(UUID id, UUID postId, String label, ActedBy createdBy, Instant createdAt, Instant expiresAt,
        Instant revokedAt, Instant usedAt, ApprovalAction usedAction, String usedComment) {

    /** Whether it still opens: not revoked, not expired. */
    public boolean opens(Instant now) {
        return revokedAt == null && expiresAt.isAfter(now);
    }
}
