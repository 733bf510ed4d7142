package io.forkcast.tenancy;

import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.PageRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The people of a tenant. Every tenant keeps at least one owner: the last owner cannot be demoted or removed.
 * Changes that could remove an owner lock the tenant row, so two concurrent demotions cannot leave none.
 */
@Service
public class TenantUsers {

    private final TenantUserRepository users;
    private final TenantRepository tenants;
    private final Clock clock;
    private final ApplicationEventPublisher events;

    TenantUsers(TenantUserRepository users, TenantRepository tenants, Clock clock, ApplicationEventPublisher events) {
        this.events = events;
        this.users = users;
        this.tenants = tenants;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public CursorPage<TenantUser> list(TenantId tenantId, PageRequest page) {
        requireTenant(tenantId);
        Limit limit = Limit.of(page.size() + 1);
        List<TenantUser> rows = page.after() == null
                ? users.findByTenantIdOrderByIdAsc(tenantId.value(), limit)
                : users.findByTenantIdAndIdGreaterThanOrderByIdAsc(tenantId.value(), page.after(), limit);
        return CursorPage.of(rows, page.size(), TenantUser::id, u -> u);
    }

    /** The tenant's owners and admins: who is told when something needs them (a failed delivery, say). */
    @Transactional(readOnly = true)
    public List<TenantUser> admins(TenantId tenantId) {
        return users.findByTenantIdAndRoleInOrderByIdAsc(tenantId.value(), List.of(Role.OWNER, Role.ADMIN));
    }

    @Transactional(readOnly = true)
    public TenantUser get(TenantId tenantId, UUID userId) {
        requireTenant(tenantId);
        return users.findByTenantIdAndId(tenantId.value(), userId)
                .orElseThrow(() -> DomainException.notFound("User"));
    }

    /** The user, if the tenant has one with that id (answers rather than refuses: for the audit trail's actor). */
    @Transactional(readOnly = true)
    public Optional<TenantUser> find(TenantId tenantId, UUID userId) {
        return users.findByTenantIdAndId(tenantId.value(), userId);
    }

    @Transactional
    public TenantUser add(TenantId tenantId, NewTenantUser user) {
        requireTenant(tenantId);
        String email = normalise(user.email());
        if (users.existsByTenantIdAndEmail(tenantId.value(), email)) {
            throw duplicate(email);
        }
        TenantUser added;
        try {
            added = users.saveAndFlush(new TenantUser(tenantId, email, blankToNull(user.fullName()), user.role(),
                    clock.instant()));
        } catch (DataIntegrityViolationException e) {
            throw duplicate(email);
        }
        events.publishEvent(new TenantUserChanged(tenantId, added.id(), added.email(),
                TenantUserChanged.Change.ADDED, "role: " + added.role().wireName()));
        return added;
    }

    @Transactional
    public TenantUser change(TenantId tenantId, UUID userId, TenantUserChanges changes) {
        TenantUser user = get(tenantId, userId);
        List<String> changed = new ArrayList<>();
        if (changes.role() != null && changes.role() != user.role()) {
            if (user.role() == Role.OWNER) {
                requireAnotherOwner(tenantId);
            }
            changed.add("role: " + user.role().wireName() + " -> " + changes.role().wireName());
            user.changeRole(changes.role(), clock.instant());
        }
        if (changes.fullName() != null && !Objects.equals(blankToNull(changes.fullName()), user.fullName())) {
            changed.add("full name");
            user.rename(blankToNull(changes.fullName()), clock.instant());
        }
        TenantUser saved = users.save(user);
        if (!changed.isEmpty()) {
            events.publishEvent(new TenantUserChanged(tenantId, userId, user.email(),
                    TenantUserChanged.Change.CHANGED, String.join("; ", changed)));
        }
        return saved;
    }

    @Transactional
    public void remove(TenantId tenantId, UUID userId) {
        TenantUser user = get(tenantId, userId);
        if (user.role() == Role.OWNER) {
            requireAnotherOwner(tenantId);
        }
        users.delete(user);
        events.publishEvent(new TenantUserChanged(tenantId, userId, user.email(), TenantUserChanged.Change.REMOVED,
                "role: " + user.role().wireName()));
    }

    private void requireAnotherOwner(TenantId tenantId) {
        tenants.lockById(tenantId.value());
        if (users.countByTenantIdAndRole(tenantId.value(), Role.OWNER) <= 1) {
            throw DomainException.conflict("A tenant needs at least one owner: make someone else owner first.");
        }
    }

    private void requireTenant(TenantId tenantId) {
        tenants.requireExists(tenantId.value());
    }

    private static DomainException duplicate(String email) {
        return DomainException.conflict("A user with the e-mail address " + email + " already exists in this tenant.");
    }

    static String normalise(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
