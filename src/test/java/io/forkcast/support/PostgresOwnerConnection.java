package io.forkcast.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain JDBC connection to the test database as its owner ({@code postgres}, to whom row-level security does
 * not apply), in auto-commit: for setting up rows the API cannot create yet and for looking at what the
 * application really stored.
 */
public final class PostgresOwnerConnection implements AutoCloseable {

    private final Connection connection;

    private PostgresOwnerConnection(Connection connection) {
        this.connection = connection;
    }

    public static PostgresOwnerConnection open() throws SQLException {
        return new PostgresOwnerConnection(
                DriverManager.getConnection(PostgresTestDatabase.URL, PostgresTestDatabase.OWNER, ""));
    }

    public int update(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, args)) {
            return statement.executeUpdate();
        }
    }

    public long count(String sql, Object... args) throws SQLException {
        List<Object> values = column(sql, args);
        if (values.size() != 1 || !(values.getFirst() instanceof Number number)) {
            throw new IllegalArgumentException("Not a count query: " + sql);
        }
        return number.longValue();
    }

    /** The first column of every row. */
    public List<Object> column(String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = prepare(sql, args); ResultSet rows = statement.executeQuery()) {
            List<Object> values = new ArrayList<>();
            while (rows.next()) {
                values.add(rows.getObject(1));
            }
            return values;
        }
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < args.length; i++) {
            statement.setObject(i + 1, args[i]);
        }
        return statement;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
