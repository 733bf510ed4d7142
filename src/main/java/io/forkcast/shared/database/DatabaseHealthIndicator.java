package io.forkcast.shared.database;

import org.springframework.beans.factory.DisposableBean;
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
 */
@Component("dbHealthIndicator")
class DatabaseHealthIndicator implements HealthIndicator, DisposableBean {

    private final DataSource dataSource;
    private final Duration timeout;
    private final ExecutorService checks = Executors.newVirtualThreadPerTaskExecutor();
    private final AtomicReference<CompletableFuture<Health>> running = new AtomicReference<>();

    DatabaseHealthIndicator(DataSource dataSource, DatabaseProperties properties) {
        this.dataSource = dataSource;
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
    }
}
