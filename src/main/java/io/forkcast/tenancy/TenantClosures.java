package io.forkcast.tenancy;

import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Closing a restaurant's account: at once its API keys and dashboard sign-ins stop working (and {@code posts} holds
 * its scheduled deliveries, on {@link TenantClosed}); after {@code forkcast.tenancy.closure-grace-period} the
 * {@code closed-tenants-deletion} job deletes the tenant and everything it owns, media included, and keeps a
 * {@code tenant_deletions} row. Until then the operator can restore it.
 */
@Service
public class TenantClosures {

    /** A closed account: when, by whom, and when its data goes. */
    public record Closure(TenantId tenantId, Instant closedAt, String closedBy, Instant deleteAfter) {
    }

    private static final Logger log = LoggerFactory.getLogger(TenantClosures.class);

    private final TenantClosureRepository closures;
    private final TenantDeletionRepository deletions;
    private final Tenants tenants;
    private final ApiKeys apiKeys;
    private final CurrentTenant currentTenant;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate tx;
    private final Duration grace;
    private final Clock clock;

    TenantClosures(TenantClosureRepository closures, TenantDeletionRepository deletions, Tenants tenants,
            ApiKeys apiKeys, CurrentTenant currentTenant, ApplicationEventPublisher events, TransactionTemplate tx,
            TenancyProperties properties, Clock clock) {
        this.closures = closures;
        this.deletions = deletions;
        this.tenants = tenants;
        this.apiKeys = apiKeys;
        this.currentTenant = currentTenant;
        this.events = events;
        this.tx = tx;
        this.grace = properties.closureGracePeriod();
        this.clock = clock;
    }

    /**
     * Closes the account, once {@code confirmName} repeats the restaurant's name (letter case and surrounding spaces
     * aside); closing a closed account is refused with 409.
     */
    @Transactional
    public Closure close(TenantId tenantId, String confirmName, String closedBy) {
        Tenant tenant = tenants.get(tenantId);
        if (confirmName == null || !normalised(confirmName).equals(normalised(tenant.name()))) {
            throw new InvalidFieldException("confirm_name",
                    "must be the restaurant's name as it is written: " + tenant.name());
        }
        if (closures.existsById(tenantId.value())) {
            throw DomainException.conflict("This account is already closed.");
        }
        Instant now = clock.instant();
        TenantClosure closure = closures.save(new TenantClosure(tenantId, closedBy, now, now.plus(grace)));
        apiKeys.forgetTenant(tenantId);
        events.publishEvent(new TenantClosed(tenantId, tenant.name(), closure.closedAt(), closure.deleteAfter()));
        log.info("Tenant {} closed by {}; its data goes after {}", tenantId, closedBy, closure.deleteAfter());
        return view(closure);
    }

    /** How long a closed account waits before its data is deleted. */
    public Duration gracePeriod() {
        return grace;
    }

    /** The account's closure, if it is closed. */
    @Transactional(readOnly = true)
    public Optional<Closure> find(TenantId tenantId) {
        return closures.findById(tenantId.value()).map(TenantClosures::view);
    }

    /** Whether the account is closed (checked by sign-ins and API keys across tenants). */
    boolean isClosed(TenantId tenantId) {
        return currentTenant.callAsPlatform("is the account closed?",
                () -> tx.execute(status -> closures.existsById(tenantId.value())));
    }

    /** The operator reopens a closed account within its grace period; its keys and users work again at once. */
    @Transactional
    public void restore(TenantId tenantId, String restoredBy) {
        if (!currentTenant.isPlatform()) {
            throw DomainException.forbidden("Only the platform operator can restore a closed account.");
        }
        Tenant tenant = tenants.get(tenantId);
        TenantClosure closure = closures.findById(tenantId.value())
                .orElseThrow(() -> DomainException.conflict("This account is not closed."));
        closures.delete(closure);
        apiKeys.forgetTenant(tenantId);
        events.publishEvent(new TenantRestored(tenantId, tenant.name()));
        log.info("Tenant {} restored by {}", tenantId, restoredBy);
    }

    /**
     * Deletes every closed account whose grace period has ended, each in a transaction of its own; answers how
     * many. Run by the {@code closed-tenants-deletion} job.
     */
    public int deleteDue() {
        List<TenantClosure> due = currentTenant.callAsPlatform("closed accounts past their grace period",
                () -> tx.execute(status -> closures.findByDeleteAfterLessThanEqualOrderByDeleteAfter(clock.instant(),
                        Limit.of(100))));
        int deleted = 0;
        for (TenantClosure closure : due) {
            Boolean done = currentTenant.callAsPlatform("deleting a closed account after its grace period",
                    () -> tx.execute(status -> delete(closure.tenantId())));
            if (Boolean.TRUE.equals(done)) {
                deleted++;
            }
        }
        return deleted;
    }

    private boolean delete(TenantId tenantId) {
        // Read again in this transaction: restored meanwhile, it stays.
        Optional<TenantClosure> closure = closures.findById(tenantId.value());
        Instant now = clock.instant();
        if (closure.isEmpty() || closure.get().deleteAfter().isAfter(now)) {
            return false;
        }
        Tenant tenant = tenants.get(tenantId);
        deletions.save(new TenantDeletion(closure.get(), ApiKeys.sha256(normalised(tenant.name())),
                "grace period ended", now));
        tenants.delete(tenantId);
        events.publishEvent(new ClosedTenantDeleted(tenantId, tenant.name(), tenant.email(), now));
        log.info("Closed tenant {} deleted after its grace period", tenantId);
        return true;
    }

    /** Whether a deletion of this tenant was recorded, and when. */
    @Transactional(readOnly = true)
    public Optional<Instant> deletedAt(TenantId tenantId) {
        return deletions.findById(tenantId.value()).map(TenantDeletion::deletedAt);
    }

    private static Closure view(TenantClosure closure) {
        return new Closure(closure.tenantId(), closure.closedAt(), closure.closedBy(), closure.deleteAfter());
    }

    private static String normalised(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }
}
