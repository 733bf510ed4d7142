package io.forkcast.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The database's health ({@code db}, in place of Boot's), answered within {@code forkcast.database.health-timeout}
 * however the database fails: Boot's check waits as long as the pool and the driver do, so a database that hangs
 * would hang readiness with it. The check runs on a thread of its own; a probe that takes longer reports
 * {@code DOWN} and the check goes on in the background, one at a time, for the next probe to read.
 *
 * <p>It checks on a connection of its own ({@link HealthCheckPool}), not one of the application's pool: a pool
 * with every connection lent out is busy, not down, and reading it as down would take a loaded instance out of the
 * load balancer only to put it back a moment later.
 */
@Component("dbHealthIndicator")
class DatabaseHealthIndicator implements HealthIndicator, DisposableBean {

    private final DataSource dataSource;
    private final HikariDataSource ownPool;
    private final Duration timeout;
    private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicReference<CompletableFuture<Health>> running = new AtomicReference<>();

    @Autowired
    DatabaseHealthIndicator(DataSource applicationDataSource, DatabaseProperties properties) {
        this(HealthCheckPool.besides(applicationDataSource, properties.healthTimeout()), applicationDataSource,
                properties);
    }

    /** Checks {@code checked} itself, on connections borrowed from it: for a data source that is not a pool. */
    static DatabaseHealthIndicator borrowingFrom(DataSource checked, DatabaseProperties properties) {
        return new DatabaseHealthIndicator(null, checked, properties);
    }

    private DatabaseHealthIndicator(HikariDataSource ownPool, DataSource applicationDataSource,
            DatabaseProperties properties) {
        this.ownPool = ownPool;
        this.dataSource = ownPool != null ? ownPool : applicationDataSource;
        this.timeout = properties.healthTimeout();
    }

    @Override
    public Health health() {
        CompletableFuture<Health> check = running.updateAndGet(current -> current != null && !current.isDone()
                ? current
                : CompletableFuture.supplyAsync(this::check, checks));
        try {
            return check.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return Health.down().withDetail("reason", "no answer within " + timeout.toMillis() + " ms").build();
        } catch (ExecutionException e) {
            return Health.down().withDetail("reason", e.getCause().getClass().getSimpleName()).build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Health.down().build();
        }
    }

    private Health check() {
        try (Connection connection = dataSource.getConnection()) {
            int seconds = (int) Math.max(1, timeout.toSeconds());
            return connection.isValid(seconds) ? Health.up().build()
                    : Health.down().withDetail("reason", "connection not valid").build();
        } catch (SQLException e) {
            return Health.down().withDetail("reason", e.getClass().getSimpleName()).build();
        }
    }

    @Override
    public void destroy() {
        checks.shutdownNow();
        if (ownPool != null) {
            ownPool.close();
        }
    }
}
