package io.forkcast.shared.database;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database health answers within its timeout whatever the database does, one check at a time, on a connection
 * of its own: the application's pool being busy is not the database being down.
 */
class DatabaseHealthIndicatorTest {

    private static final DatabaseProperties PROPERTIES =
            new DatabaseProperties(Duration.ofMillis(300), Duration.ofSeconds(5));

    @Test
    void aDatabaseThatAnswersIsUp() {
        try (HikariDataSource h2 = h2()) {
            DatabaseHealthIndicator health = new DatabaseHealthIndicator(h2, PROPERTIES);

            assertThat(health.health().getStatus()).isEqualTo(Status.UP);
            health.destroy();
        }
    }

    @Test
    void aDatabaseThatHangsIsDownAndProbesDoNotPileUpChecks() {
        CountDownLatch released = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        try (HikariDataSource h2 = h2()) {
            DelegatingDataSource hanging = new DelegatingDataSource(h2) {
                @Override
                public Connection getConnection() throws SQLException {
                    attempts.incrementAndGet();
                    try {
                        released.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new SQLException("interrupted");
                    }
                    return super.getConnection();
                }
            };
            DatabaseHealthIndicator health = DatabaseHealthIndicator.borrowingFrom(hanging, PROPERTIES);

            Health first = health.health();
            Health second = health.health();

            assertThat(first.getStatus()).isEqualTo(Status.DOWN);
            assertThat(second.getStatus()).isEqualTo(Status.DOWN);
            assertThat(attempts.get()).as("checks started while one hangs").isEqualTo(1);
            released.countDown();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> health.health().getStatus().equals(Status.UP));
            health.destroy();
        }
    }

    @Test
    void anExhaustedApplicationPoolIsStillUp() throws SQLException {
        try (HikariDataSource h2 = h2()) {
            h2.setConnectionTimeout(5_000);
            List<Connection> held = new ArrayList<>();
            try {
                for (int i = 0; i < h2.getMaximumPoolSize(); i++) {
                    held.add(h2.getConnection());
                }
                assertThat(h2.getHikariPoolMXBean().getIdleConnections()).as("idle connections left").isZero();
                DatabaseHealthIndicator health = new DatabaseHealthIndicator(h2, PROPERTIES);

                assertThat(health.health().getStatus()).isEqualTo(Status.UP);
                health.destroy();
            } finally {
                for (Connection connection : held) {
                    connection.close();
                }
            }
        }
    }

    @Test
    void anUnreachableDatabaseIsDownWithinTheTimeout() {
        try (HikariDataSource unreachable = new HikariDataSource()) {
            // Nothing listens on port 1; the application's pool would wait 30 s for a connection.
            unreachable.setJdbcUrl("jdbc:postgresql://127.0.0.1:1/forkcast");
            unreachable.setInitializationFailTimeout(-1);
            DatabaseHealthIndicator health = new DatabaseHealthIndicator(unreachable, PROPERTIES);

            assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
            health.destroy();
        }
    }

    /** An in-memory H2 behind a pool that is already started (a cold start may take longer than the timeout). */
    private static HikariDataSource h2() {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl("jdbc:h2:mem:health-" + System.nanoTime());
        dataSource.setUsername("sa");
        try (Connection warm = dataSource.getConnection()) {
            return dataSource;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
