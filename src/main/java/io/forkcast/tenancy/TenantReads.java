package io.forkcast.tenancy;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.Optional;

/**
 * Reads one tenant in a single round trip to the database, outside any transaction: the read of
 * {@code GET /api/v1/tenants/{id}}, the API's most frequent call. Through JPA the same read takes three (the
 * transaction's scope, the select, the commit). With row-level security the scope and the select travel together
 * as one pipeline, which PostgreSQL runs as one implicit transaction: {@code set_config(..., true)} then holds for
 * the select and ends with it, so the connection goes back to the pool without a scope, as after a transaction.
 */
@Component
class TenantReads {

    private static final String COLUMNS = "id, name, email, plan, timezone, tenant_metadata, created_at, updated_at, "
            + "version";
    private static final String SELECT = "select " + COLUMNS + " from tenants where id = ?";
    private static final TypeReference<Map<String, Object>> METADATA = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper jsonMapper;
    private final boolean rowLevelSecurity;

    TenantReads(DataSource dataSource, JsonMapper jsonMapper, TenancyProperties properties) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jsonMapper = jsonMapper;
        this.rowLevelSecurity = properties.rowLevelSecurity();
    }

    /**
     * The tenant, if the current scope may see it (with row-level security, another tenant's row is not found).
     * Must run outside a transaction: it commits its own.
     */
    Optional<Tenant> find(TenantId id) {
        return jdbc.execute((ConnectionCallback<Optional<Tenant>>) connection -> {
            // The pool hands out connections with auto-commit off; on, the pipeline is its own implicit transaction
            // and no commit has to follow. The pool turns it off again when the connection comes back.
            connection.setAutoCommit(true);
            return rowLevelSecurity ? scopedRead(connection, id) : plainRead(connection, id);
        });
    }

    private Optional<Tenant> scopedRead(Connection connection, TenantId id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                TenantScopedTransactionManager.SET_SCOPE + "; " + SELECT)) {
            TenantScopedTransactionManager.bindScope(statement);
            statement.setObject(3, id.value());
            statement.execute();
            // The first result is set_config's; the second, the tenant's row.
            if (!statement.getMoreResults()) {
                throw new SQLException("The tenant read returned no second result");
            }
            try (ResultSet row = statement.getResultSet()) {
                return tenant(row);
            }
        }
    }

    private Optional<Tenant> plainRead(Connection connection, TenantId id) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(SELECT)) {
            statement.setObject(1, id.value());
            try (ResultSet row = statement.executeQuery()) {
                return tenant(row);
            }
        }
    }

    private Optional<Tenant> tenant(ResultSet row) throws SQLException {
        if (!row.next()) {
            return Optional.empty();
        }
        return Optional.of(Tenant.restored(row.getObject("id", java.util.UUID.class), row.getString("name"),
                row.getString("email"), row.getString("plan"), row.getString("timezone"),
                jsonMapper.readValue(row.getString("tenant_metadata"), METADATA),
                row.getObject("created_at", OffsetDateTime.class).toInstant(),
                row.getObject("updated_at", OffsetDateTime.class).toInstant(), row.getLong("version")));
    }
}
