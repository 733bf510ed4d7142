package io.forkcast.shared.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;

/**
 * A pool of one connection for the database health check, beside the application's pool and made from its
 * settings, so that a pool merely busy (every connection lent to requests and publish jobs) does not read as a
 * database that is away; and with timeouts of the health check's own, so that a database that hangs or cannot be
 * reached reads as one within it.
 */
final class HealthCheckPool {

    /** Hikari's floor for its connection and validation timeouts. */
    private static final Duration HIKARI_MINIMUM = Duration.ofMillis(250);

    private HealthCheckPool() {
    }

    /**
     * The health pool for the application's {@code dataSource}, or {@code null} when that is not a Hikari pool
     * (then the check borrows from it, as Boot's does).
     */
    static HikariDataSource besides(DataSource dataSource, Duration timeout) {
        try {
            if (!dataSource.isWrapperFor(HikariDataSource.class)) {
                return null;
            }
            return new HikariDataSource(config(dataSource.unwrap(HikariDataSource.class), timeout));
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * The connection settings of {@code application} with the health check's size and timeouts. Not
     * {@link HikariConfig#copyStateTo}: the copy would share the application's driver properties object, and
     * setting the health check's driver timeouts on it would set them for every request.
     */
    static HikariConfig config(HikariConfig application, Duration timeout) {
        Duration bounded = timeout.compareTo(HIKARI_MINIMUM) < 0 ? HIKARI_MINIMUM : timeout;
        HikariConfig health = new HikariConfig();
        health.setPoolName(application.getPoolName() + "-health");
        health.setJdbcUrl(application.getJdbcUrl());
        if (application.getDriverClassName() != null) {
            health.setDriverClassName(application.getDriverClassName());
        }
        health.setUsername(application.getUsername());
        health.setPassword(application.getPassword());
        health.setCatalog(application.getCatalog());
        health.setSchema(application.getSchema());
        Properties driver = new Properties();
        driver.putAll(application.getDataSourceProperties());
        if (application.getJdbcUrl() != null && application.getJdbcUrl().startsWith("jdbc:postgresql:")) {
            // pgjdbc counts in whole seconds: opening a connection, and a check whose connection goes silent.
            String seconds = Long.toString(Math.max(1, (bounded.toMillis() + 999) / 1000));
            driver.setProperty("connectTimeout", seconds);
            driver.setProperty("socketTimeout", seconds);
        }
        health.setDataSourceProperties(driver);
        health.setMaximumPoolSize(1);
        health.setMinimumIdle(0);
        health.setConnectionTimeout(bounded.toMillis());
        health.setValidationTimeout(HIKARI_MINIMUM.toMillis());
        health.setReadOnly(true);
        // Not at start-up: an application whose database is away starts, and reads as not ready.
        health.setInitializationFailTimeout(-1);
        return health;
    }
}
