package io.forkcast.audit;

import io.forkcast.shared.CursorPage;
import io.forkcast.shared.Ids;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.Actor;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The audit trail of each tenant: records are added as changes happen (in the transaction of the change, so a
 * change is recorded with it or not at all) and read back newest first. Nothing here changes or deletes a record.
 */
@Service
public class AuditTrail {

    /** Every action recorded, in the order the dashboard lists them. */
    public static final List<String> ACTIONS = List.of(
            "post.created", "post.edited", "post.cancelled", "post.retried", "post.published", "post.failed",
            "approval.requested", "approval.approved", "approval.changes_requested", "approval.rejected",
            "account.connected", "account.disconnected", "account.needs_reconnect",
            "user.added", "user.changed", "user.removed",
            "api_key.created", "api_key.revoked",
            "settings.changed", "profile.changed", "opening_hours.changed",
            "menu_item.added", "menu_item.changed", "menu_item.removed", "menu_item.availability_changed",
            "asset.uploaded", "asset.edited", "asset.deleted",
            "webhook_endpoint.created", "webhook_endpoint.changed", "webhook_endpoint.secret_rotated",
            "webhook_endpoint.deleted", "webhook_endpoint.disabled");

    /** Every kind of resource an action is recorded on. */
    public static final List<String> RESOURCE_TYPES = List.of("post", "account", "user", "api_key", "settings",
            "profile", "opening_hours", "menu_item", "asset", "webhook_endpoint");

    private final AuditStore store;
    private final AuditActors actors;
    private final Tenants tenants;
    private final TransactionTemplate tx;
    private final Clock clock;

    AuditTrail(AuditStore store, AuditActors actors, Tenants tenants, PlatformTransactionManager transactions,
            Clock clock) {
        this.store = store;
        this.actors = actors;
        this.tenants = tenants;
        this.tx = new TransactionTemplate(transactions);
        this.clock = clock;
    }

    /** Records a change made now by whoever is making it (in the caller's transaction, if it has one). */
    void record(TenantId tenantId, String action, String resourceType, Object resourceId, String summary) {
        record(tenantId, actors.current(tenantId), action, resourceType, resourceId, summary);
    }

    /**
     * Records a change made now by {@code by}, whoever serves the request (a connect completed by a callback that
     * carries no caller is done by whoever started it).
     */
    void record(TenantId tenantId, Actor by, String action, String resourceType, Object resourceId,
            String summary) {
        record(tenantId, actors.current(tenantId, actors.describe(tenantId, by)), action, resourceType, resourceId,
                summary);
    }

    /** Records a change Forkcast made of its own accord, whatever request it happens in. */
    void recordByForkcast(TenantId tenantId, String action, String resourceType, Object resourceId,
            String summary) {
        record(tenantId, new AuditActors.Origin(AuditActor.FORKCAST_ITSELF, null, null), action, resourceType,
                resourceId, summary);
    }

    private void record(TenantId tenantId, AuditActors.Origin origin, String action, String resourceType,
            Object resourceId, String summary) {
        AuditEvent event = new AuditEvent(Ids.newId(), clock.instant().truncatedTo(ChronoUnit.MICROS),
                origin.actor(), action, resourceType, resourceId == null ? null : resourceId.toString(), summary,
                origin.ipAddress(), origin.userAgent());
        tx.executeWithoutResult(status -> store.insert(tenantId.value(), event));
    }

    /** The tenant's records matching the query, newest first. */
    @Transactional(readOnly = true)
    public CursorPage<AuditEvent> list(TenantId tenantId, AuditQuery query, PageRequest page) {
        tenants.get(tenantId);
        return CursorPage.of(store.find(tenantId.value(), query, page.after(), page.size()), page.size(),
                AuditEvent::id, event -> event);
    }
}
