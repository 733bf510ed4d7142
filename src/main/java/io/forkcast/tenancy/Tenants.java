package io.forkcast.tenancy;

import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The tenants: creating, reading, changing and deleting them. Other modules ask it for a tenant's plan and
 * time zone.
 */
@Service
public class Tenants {

    static final int MAX_METADATA_BYTES = 16 * 1024;

    private final TenantRepository tenants;
    private final TenantUserRepository users;
    private final PlanCatalog plans;
    private final CurrentTenant currentTenant;
    private final ApiKeys apiKeys;
    private final ApplicationEventPublisher events;
    private final JsonMapper jsonMapper;
    private final Clock clock;
    private final MeterRegistry meters;
    private final UserSignIns signIns;
    private final TenantReads reads;
    private final TenantCache cache;

    /** A tenant just created, with the invitation of its first owner (its token exists only here). */
    public record Created(Tenant tenant, UserSignIns.Invitation ownerInvitation) {
    }

    Tenants(TenantRepository tenants, TenantUserRepository users, PlanCatalog plans, CurrentTenant currentTenant,
            ApiKeys apiKeys, ApplicationEventPublisher events, JsonMapper jsonMapper, Clock clock,
            MeterRegistry meters, UserSignIns signIns, TenantReads reads, TenantCache cache) {
        this.tenants = tenants;
        this.users = users;
        this.plans = plans;
        this.currentTenant = currentTenant;
        this.apiKeys = apiKeys;
        this.events = events;
        this.jsonMapper = jsonMapper;
        this.clock = clock;
        this.meters = meters;
        this.signIns = signIns;
        this.reads = reads;
        this.cache = cache;
    }

    /** Creates a tenant and its first owner, a user with the tenant's e-mail address. */
    @Transactional
    public Tenant create(TenantDetails details) {
        return createWithOwnerInvitation(details).tenant();
    }

    /**
     * Creates a tenant and its first owner, a user with the tenant's e-mail address, invited to set a dashboard
     * password: the invitation's token is returned here once and never again.
     */
    @Transactional
    public Created createWithOwnerInvitation(TenantDetails details) {
        Tenant tenant = new Tenant(details.name().strip(), details.email().strip(), plans.requireKnown(details.plan()),
                zone(details.timezone()), checkedMetadata(details.tenantMetadata()), clock.instant());
        tenants.save(tenant);
        TenantUser owner = users.save(new TenantUser(tenant.id(), TenantUsers.normalise(details.email()), null,
                Role.OWNER, clock.instant()));
        UserSignIns.Invitation invitation = signIns.invite(owner);
        countCreatedOnCommit(tenant.planName());
        return new Created(tenant, invitation);
    }

    /**
     * {@code forkcast.tenant.creations{plan}}, counted once the tenant exists for good, not for a rolled-back try.
     * (Not "tenants.created": Prometheus reserves the {@code _created} suffix and would export it as
     * {@code forkcast_tenants_total}.)
     */
    private void countCreatedOnCommit(String plan) {
        Runnable count = () -> meters.counter("forkcast.tenant.creations", "plan", plan).increment();
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count.run();
            }
        });
    }

    /**
     * The tenant, if the current scope may see it. Inside a transaction, read through it (its persistence context,
     * its scope); outside one, from memory ({@link TenantCache}) or in a single round trip to the database
     * ({@link TenantReads}).
     */
    public Optional<Tenant> find(TenantId id) {
        return TransactionSynchronizationManager.isActualTransactionActive()
                ? tenants.findById(id.value())
                : cache.find(id, () -> reads.find(id));
    }

    public Tenant get(TenantId id) {
        return find(id).orElseThrow(() -> DomainException.notFound("Tenant"));
    }

    /** The plan a tenant is on, with its limits. */
    @Transactional(readOnly = true)
    public Plan planOf(TenantId id) {
        return plans.ofStored(get(id).planName());
    }

    Plan planNamed(String name) {
        return plans.ofStored(name);
    }

    @Transactional(readOnly = true)
    public CursorPage<Tenant> list(PageRequest page) {
        Limit limit = Limit.of(page.size() + 1);
        List<Tenant> rows = page.after() == null
                ? tenants.findAllByOrderByIdAsc(limit)
                : tenants.findByIdGreaterThanOrderByIdAsc(page.after(), limit);
        return CursorPage.of(rows, page.size(), t -> t.id().value(), t -> t);
    }

    @Transactional
    public Tenant replace(TenantId id, TenantDetails details) {
        Tenant tenant = get(id);
        Settings before = Settings.of(tenant);
        if (details.plan() != null) {
            changePlan(tenant, details.plan());
        }
        tenant.rename(details.name().strip());
        tenant.changeEmail(details.email().strip());
        tenant.moveTo(zone(details.timezone()));
        tenant.replaceMetadata(checkedMetadata(details.tenantMetadata()));
        tenant.touch(clock.instant());
        cache.changed(id);
        Tenant saved = tenants.save(tenant);
        before.tellChanges(tenant, events);
        return saved;
    }

    @Transactional
    public Tenant change(TenantId id, TenantChanges changes) {
        Tenant tenant = get(id);
        Settings before = Settings.of(tenant);
        if (changes.plan() != null) {
            changePlan(tenant, changes.plan());
        }
        if (changes.name() != null) {
            tenant.rename(changes.name().strip());
        }
        if (changes.email() != null) {
            tenant.changeEmail(changes.email().strip());
        }
        if (changes.timezone() != null) {
            tenant.moveTo(zone(changes.timezone()));
        }
        if (changes.tenantMetadata() != null) {
            tenant.replaceMetadata(checkedMetadata(changes.tenantMetadata()));
        }
        tenant.touch(clock.instant());
        cache.changed(id);
        Tenant saved = tenants.save(tenant);
        before.tellChanges(tenant, events);
        return saved;
    }

    /** The settings a change is compared against, to tell what it changed ({@link TenantSettingsChanged}). */
    private record Settings(String name, String email, String plan, ZoneId timezone, Map<String, Object> metadata) {

        static Settings of(Tenant tenant) {
            return new Settings(tenant.name(), tenant.email(), tenant.planName(), tenant.timezone(),
                    tenant.metadata());
        }

        void tellChanges(Tenant after, ApplicationEventPublisher events) {
            List<String> changed = new ArrayList<>();
            if (!name.equals(after.name())) {
                changed.add("name: " + after.name());
            }
            if (!email.equalsIgnoreCase(after.email())) {
                changed.add("e-mail address");
            }
            if (!plan.equals(after.planName())) {
                changed.add("plan: " + plan + " -> " + after.planName());
            }
            if (!timezone.equals(after.timezone())) {
                changed.add("time zone: " + timezone.getId() + " -> " + after.timezone().getId());
            }
            if (!Objects.equals(metadata, after.metadata())) {
                changed.add("metadata");
            }
            if (!changed.isEmpty()) {
                events.publishEvent(new TenantSettingsChanged(after.id(), String.join("; ", changed)));
            }
        }
    }

    /** Deletes a tenant and, through the schema's cascades, everything it owns, in one transaction. */
    @Transactional
    public void delete(TenantId id) {
        Tenant tenant = get(id);
        tenants.delete(tenant);
        tenants.flush();
        cache.changed(id);
        apiKeys.forgetTenant(id);
        events.publishEvent(new TenantDeleted(id));
    }

    private void changePlan(Tenant tenant, String planName) {
        Plan plan = plans.requireKnown(planName);
        if (plan.name().equals(tenant.planName())) {
            return;
        }
        if (!currentTenant.isPlatform()) {
            throw DomainException.forbidden("Only the platform operator can change a tenant's plan.");
        }
        tenant.changePlan(plan);
        apiKeys.forgetTenant(tenant.id());
    }

    static ZoneId zone(String timezone) {
        if (timezone == null) {
            return ZoneId.of("UTC");
        }
        if (!ZoneId.getAvailableZoneIds().contains(timezone)) {
            throw new InvalidFieldException("timezone", "must be an IANA time zone such as Europe/Paris or UTC");
        }
        return ZoneId.of(timezone);
    }

    private Map<String, Object> checkedMetadata(Map<String, Object> metadata) {
        if (metadata != null && jsonMapper.writeValueAsBytes(metadata).length > MAX_METADATA_BYTES) {
            throw new InvalidFieldException("tenant_metadata", "must be at most 16 KiB of JSON");
        }
        return metadata;
    }
}
