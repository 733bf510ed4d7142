package io.forkcast.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The PostgreSQL database of the integration tests, {@code forkcast_test} on the local server (or the name in the
 * environment variable {@code FORKCAST_TEST_DB}, so that two checkouts can run their suites side by side): dropped
 * and created empty once per test run, so the migrations are exercised from scratch every time.
 */
public final class PostgresTestDatabase {

    public static final String ADMIN_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";
    public static final String NAME = System.getenv().getOrDefault("FORKCAST_TEST_DB", "forkcast_test");
    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/" + NAME;
    public static final String OWNER = "postgres";

    private static boolean created;

    private PostgresTestDatabase() {
    }

    public static synchronized void recreateOncePerRun() {
        if (created) {
            return;
        }
        recreate(NAME);
        created = true;
    }

    /**
     * A database of its own, {@code <test database>_<suffix>}, dropped and created empty: for tests whose processes
     * must not share the job table with the application contexts other tests leave running. Answers its JDBC URL.
     */
    public static String recreateSeparate(String suffix) {
        String name = NAME + "_" + suffix;
        recreate(name);
        return "jdbc:postgresql://127.0.0.1:5432/" + name;
    }

    private static void recreate(String name) {
        try (Connection connection = DriverManager.getConnection(ADMIN_URL, OWNER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + name + " with (force)");
            statement.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL must run on 127.0.0.1:5432 for the integration tests "
                    + "(.ci/run starts it)", e);
        }
    }
}
