package io.forkcast.posts;

import io.forkcast.tenancy.TenantId;

/**
 * SPI: decides whether a post that the current caller writes or changes must wait for an owner's approval, and
 * hears that it does. Implemented by a higher module (approvals), which holds the setting and the record of
 * requests; without an implementation no post ever waits.
 */
public interface ApprovalPolicy {

    /** Whether a post written or changed now, by the current caller, for this tenant must be approved first. */
    boolean required(TenantId tenantId);

    /** The post waits for approval from now on; called inside the transaction that made it wait. */
    void requested(TenantId tenantId, PostId postId);
}
