package io.forkcast.approvals;

import java.time.Instant;
import java.util.UUID;

/**
 * One step of a post's approval, never changed once written.
 *
 * @param scheduledFor the time the post was approved for (approvals only)
 * @param comment what the approver said (asked-for changes carry one)
 */
public record ApprovalRecord(UUID id, UUID postId, ApprovalAction action, ActedBy by, String comment,
        Instant scheduledFor, Instant at) {
}
