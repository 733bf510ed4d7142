package io.forkcast.approvals;

import io.forkcast.posts.ApprovalPolicy;
import io.forkcast.posts.PostId;
import io.forkcast.tenancy.Actor;
import io.forkcast.tenancy.TenantId;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * The rule {@code posts} asks: with the setting on, a post written or changed by an editor (a dashboard user with
 * the editor role) or by an API key without the {@code admin} scope waits for approval; owners, admins, admin keys
 * and the operator publish as before.
 */
@Component
class EditorApprovals implements ApprovalPolicy {

    private final ApprovalStore store;
    private final Approvals approvals;

    // Lazy: Approvals needs Posts, which asks for this policy.
    EditorApprovals(ApprovalStore store, @Lazy Approvals approvals) {
        this.store = store;
        this.approvals = approvals;
    }

    @Override
    public boolean required(TenantId tenantId) {
        return Actor.current().map(actor -> !actor.manages()).orElse(false)
                && store.editorsNeedApproval(tenantId.value());
    }

    @Override
    public void requested(TenantId tenantId, PostId postId) {
        approvals.requested(tenantId, postId);
    }
}
