package io.forkcast.approvals;

import io.forkcast.posts.PostId;
import io.forkcast.tenancy.TenantId;

import java.util.UUID;

/**
 * A post's approval moved: it was asked for, approved, sent back or rejected. Published through the event
 * registry (webhooks, e-mails).
 *
 * @param author the dashboard user who last asked for the approval (null when a key or nobody known did): the
 *               person a decision is told to
 */
public record ApprovalRecorded(TenantId tenantId, PostId postId, ApprovalRecord record, UUID author) {
}
