package io.forkcast.audit;

import io.forkcast.shared.retention.RetainedData;
import io.forkcast.shared.retention.Retention;
import io.forkcast.support.ApiClient;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.support.PostgresOwnerConnection;
import io.forkcast.support.PostgresTestDatabase;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The audit trail on PostgreSQL, where the application's role may add and read entries but never change or delete
 * one: the guard proven by trying as that role; entries still leave with their tenant and through the retention
 * purge; the trail read over HTTP under row-level security.
 */
class AuditOnPostgresIT extends PostgresIntegrationTest {

    @Autowired
    Retention retention;

    private String tenantWithEntries() {
        String tenant = api().createTenant("Audit Pg " + UUID.randomUUID().toString().substring(0, 8), "pro");
        String key = api().createKey(tenant, "read", "write", "admin");
        assertThat(api().post("/api/v1/tenants/" + tenant + "/api-keys", key, Map.of("name", "second")).status())
                .isEqualTo(201);
        ApiClient.Response trail = api().get("/api/v1/tenants/" + tenant + "/audit-events", key);
        assertThat(trail.status()).isEqualTo(200);
        assertThat(trail.body().path("items").size()).isEqualTo(2);
        return tenant;
    }

    /** A connection as the application's role, seeing every tenant (as the operator's requests do). */
    private static Connection asApplication() throws SQLException {
        Connection connection = DriverManager.getConnection(PostgresTestDatabase.URL, "forkcast_app", "");
        try (Statement statement = connection.createStatement()) {
            statement.execute("set app.cross_tenant = 'on'");
        }
        return connection;
    }

    @Test
    void theApplicationsRoleCannotUpdateDeleteOrTruncateAnEntry() throws Exception {
        String tenant = tenantWithEntries();
        try (Connection app = asApplication(); Statement statement = app.createStatement()) {
            assertThat(statement.executeQuery("select count(*) from audit_events where tenant_id = '" + tenant + "'")
                    .next()).isTrue();
            for (String sql : new String[] {
                    "update audit_events set summary = 'nothing happened' where tenant_id = '" + tenant + "'",
                    "delete from audit_events where tenant_id = '" + tenant + "'",
                    "truncate audit_events"}) {
                assertThatThrownBy(() -> statement.execute(sql)).as(sql).isInstanceOf(SQLException.class)
                        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("42501"));
            }
        }
        try (PostgresOwnerConnection owner = PostgresOwnerConnection.open()) {
            assertThat(owner.count("select count(*) from audit_events where tenant_id = ?::uuid "
                    + "and summary = 'nothing happened'", tenant)).isZero();
            assertThat(owner.count("select count(*) from audit_events where tenant_id = ?::uuid", tenant))
                    .isEqualTo(2);
        }
    }

    @Test
    void entriesLeaveWithTheirTenantAndThroughTheRetentionPurgeOnly() throws Exception {
        String deleted = tenantWithEntries();
        String old = tenantWithEntries();
        assertThat(api().delete("/api/v1/tenants/" + deleted, ApiClient.OPERATOR_TOKEN).status()).isEqualTo(204);
        try (PostgresOwnerConnection owner = PostgresOwnerConnection.open()) {
            assertThat(owner.count("select count(*) from audit_events where tenant_id = ?::uuid", deleted)).isZero();
            owner.update("update audit_events set occurred_at = occurred_at - interval '500 days' "
                    + "where tenant_id = ?::uuid", old);
            Retention.Purged purged = retention.purge(Map.of(RetainedData.AUDIT, Duration.ofDays(400)), 1)
                    .get(RetainedData.AUDIT);
            assertThat(purged.rows()).isEqualTo(2);
            assertThat(purged.batches()).isEqualTo(3);
            assertThat(owner.count("select count(*) from audit_events where tenant_id = ?::uuid", old)).isZero();
        }
    }
}
