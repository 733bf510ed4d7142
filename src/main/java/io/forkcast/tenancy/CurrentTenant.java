package io.forkcast.tenancy;

import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Who the current unit of work acts for: one tenant (a request with that tenant's API key), the platform as a
 * whole (the operator, or a background job that explicitly crosses tenants), or nobody yet.
 *
 * <p>On PostgreSQL every transaction hands this to the database, whose row-level security then shows only the
 * current tenant's rows; code that must see every tenant says so with {@link #callAsPlatform}.
 */
@Component
public class CurrentTenant {

    sealed interface Scope permits TenantScope, PlatformScope {
    }

    record TenantScope(TenantId tenantId, Plan plan) implements Scope {
    }

    record PlatformScope(String reason) implements Scope {
    }

    private static final ThreadLocal<Scope> SCOPE = new ThreadLocal<>();

    /** The tenant the current work is for, if it is for exactly one. */
    public Optional<TenantId> tenantId() {
        return SCOPE.get() instanceof TenantScope scope ? Optional.of(scope.tenantId()) : Optional.empty();
    }

    /** The plan of the tenant the current work is for, if it is for exactly one. */
    public Optional<Plan> plan() {
        return SCOPE.get() instanceof TenantScope scope ? Optional.ofNullable(scope.plan()) : Optional.empty();
    }

    /** Whether the current work may cross tenants (the operator or a platform job). */
    public boolean isPlatform() {
        return SCOPE.get() instanceof PlatformScope;
    }

    /** Runs work for one tenant: queries see that tenant's rows only. */
    public <T> T callAsTenant(TenantId tenantId, Plan plan, Supplier<T> work) {
        return callIn(new TenantScope(tenantId, plan), work);
    }

    /**
     * Runs work that must cross tenants (a scheduled job over every tenant, say). The reason is for the reader:
     * each use of this is a deliberate exception to tenant isolation.
     */
    public <T> T callAsPlatform(String reason, Supplier<T> work) {
        return callIn(new PlatformScope(reason), work);
    }

    static Scope current() {
        return SCOPE.get();
    }

    /** Makes {@code scope} current and returns the one it replaced, for a caller that restores it in a finally. */
    static Scope swap(Scope scope) {
        Scope previous = SCOPE.get();
        if (scope == null) {
            SCOPE.remove();
        } else {
            SCOPE.set(scope);
        }
        return previous;
    }

    static <T> T callIn(Scope scope, Supplier<T> work) {
        Scope previous = swap(scope);
        try {
            return work.get();
        } finally {
            swap(previous);
        }
    }
}
