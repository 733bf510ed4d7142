package io.forkcast.tenancy;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.forkcast.shared.database.DatabaseNotifications;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.ResultSetExtractor;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Tenants read outside a transaction ({@code GET /api/v1/tenants/{id}}, the API's most frequent call), kept in
 * memory so that reading one again needs no round trip to the database.
 *
 * <p>What makes that safe:
 * <ul>
 * <li>An entry is served only to the scope that row-level security would have shown it to: the tenant itself or
 * the platform. Any other scope reads the database, whose policies answer as before. Only rows found are kept.
 * <li>Every change and deletion goes through {@link Tenants}, which calls {@link #changed}: on PostgreSQL that sends
 * {@code pg_notify} on {@value #CHANNEL} inside the changing transaction, so every instance (this one included)
 * hears of it when, and only if, it commits, and forgets the tenant; this instance also forgets it after the
 * transaction completes. A read that started before a change and ends after it is not kept (a generation count).
 * <li>On PostgreSQL the cache serves nothing until this instance listens, and nothing (forgetting everything) while
 * the listening connection is broken: a change it could have missed is never served. Entries also expire after
 * {@code forkcast.tenancy.tenant-cache-ttl}; zero turns the cache off.
 * </ul>
 */
@Component
class TenantCache implements SmartLifecycle {

    static final String CHANNEL = "forkcast_tenant_changed";

    private final Cache<UUID, Tenant> tenants;
    private final boolean enabled;
    private final DataSource dataSource;
    private final JdbcTemplate jdbc;
    private final AtomicLong generation = new AtomicLong();
    /** Whether entries may be served: always on a single embedded database, while listening on PostgreSQL. */
    private volatile boolean trusted;
    private volatile boolean postgres;
    private volatile boolean running;
    private DatabaseNotifications notifications;

    TenantCache(DataSource dataSource, TenancyProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = new JdbcTemplate(dataSource);
        Duration ttl = properties.tenantCacheTtl();
        this.enabled = ttl != null && ttl.isPositive();
        this.tenants = Caffeine.newBuilder()
                .expireAfterWrite(enabled ? ttl : Duration.ofSeconds(1))
                .maximumSize(100_000)
                .build();
    }

    /** The tenant from memory when the current scope may see it and it is kept, otherwise from {@code read}. */
    Optional<Tenant> find(TenantId id, Supplier<Optional<Tenant>> read) {
        if (!trusted || !currentScopeMaySee(id)) {
            return read.get();
        }
        Tenant kept = tenants.getIfPresent(id.value());
        if (kept != null) {
            return Optional.of(kept);
        }
        long before = generation.get();
        Optional<Tenant> found = read.get();
        if (found.isPresent()) {
            tenants.put(id.value(), found.get());
            // A change heard meanwhile may be newer than what was read: then the entry goes again. (Forgetting bumps
            // the generation before it removes, so one of the two sides always removes a stale entry.)
            if (generation.get() != before || !trusted) {
                tenants.invalidate(id.value());
            }
        }
        return found;
    }

    /**
     * A tenant changes or is deleted in the current transaction: every instance forgets it once it commits, this one
     * again after it completes whichever way.
     */
    void changed(TenantId id) {
        if (postgres) {
            // Delivered by PostgreSQL at commit, and only then: a rolled-back change tells nobody.
            jdbc.query("select pg_notify(?, ?)", (ResultSetExtractor<Void>) rows -> null, CHANNEL, id.toString());
        }
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    forget(id.value());
                }
            });
        } else {
            forget(id.value());
        }
    }

    /** Whether kept tenants are served now (on PostgreSQL: while this instance hears of every change). */
    boolean serving() {
        return trusted;
    }

    private static boolean currentScopeMaySee(TenantId id) {
        return switch (CurrentTenant.current()) {
            case CurrentTenant.TenantScope scope -> scope.tenantId().equals(id);
            case CurrentTenant.PlatformScope ignored -> true;
            case null -> false;
        };
    }

    private void forget(UUID id) {
        generation.incrementAndGet();
        tenants.invalidate(id);
    }

    private void forgetAll() {
        generation.incrementAndGet();
        tenants.invalidateAll();
    }

    @Override
    public void start() {
        running = true;
        // Changes are announced whether or not this instance keeps tenants: other instances may.
        postgres = DatabaseNotifications.isPostgres(dataSource, "tenant changes");
        if (!enabled || !postgres) {
            // One embedded database, one instance: every change goes through this instance's Tenants.
            trusted = enabled;
            return;
        }
        notifications = DatabaseNotifications.startIfPostgres(dataSource, CHANNEL, "tenant changes",
                new DatabaseNotifications.Listener() {
                    @Override
                    public void listening() {
                        forgetAll();
                        trusted = true;
                    }

                    @Override
                    public void received(List<String> payloads) {
                        payloads.forEach(id -> forget(UUID.fromString(id)));
                    }

                    @Override
                    public void deaf() {
                        trusted = false;
                        forgetAll();
                    }
                });
    }

    @Override
    public void stop() {
        running = false;
        trusted = false;
        if (notifications != null) {
            notifications.close();
            notifications = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
