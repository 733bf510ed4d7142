package io.forkcast.tenancy;

import io.forkcast.support.ApiClient;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.support.PostgresOwnerConnection;
import io.forkcast.support.PostgresTestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The tenants kept in memory ({@link TenantCache}) on PostgreSQL: changes made on any instance are forgotten when
 * they commit, never served to a scope that row-level security would refuse, and nothing is served while changes
 * could be missed. "Another instance" is played by the database's owner: it changes the row directly and, as
 * {@link Tenants} does, notifies in the same transaction.
 */
class TenantCacheIT extends PostgresIntegrationTest {

    private static final Plan BASIC = new Plan("basic", 100, 10);

    @Autowired
    private Tenants tenants;

    @Autowired
    private CurrentTenant currentTenant;

    @Autowired
    private TransactionTemplate transactionTemplate;

    @Autowired
    private TenantCache cache;

    private ApiClient api;
    private TenantId tenant;
    private String key;

    @BeforeEach
    void aTenantReadOnce() {
        api = api();
        tenant = new TenantId(UUID.fromString(api.createTenant("Cache " + System.nanoTime(), "basic")));
        key = api.createKey(tenant.toString(), "read", "write");
        awaitListening();
        assertThat(nameSeenByItsKey()).startsWith("Cache ");
    }

    @Test
    void aTenantReadAgainIsServedFromMemory() throws SQLException {
        // Changed behind the application's back, without a notification: the kept tenant is what is served.
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            db.update("update tenants set name = 'Changed silently' where id = ?", tenant.value());
        }

        assertThat(nameSeenByItsKey()).startsWith("Cache ");
    }

    @Test
    void aChangeCommittedOnAnotherInstanceIsSeenOnceItsNotificationArrives() throws SQLException {
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            db.column("with changed as (update tenants set name = 'Renamed elsewhere' where id = ? returning id) "
                    + "select pg_notify('" + TenantCache.CHANNEL + "', id::text) from changed", tenant.value());
        }

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> nameSeenByItsKey().equals("Renamed elsewhere"));
    }

    @Test
    void aChangeThroughTheApiIsSeenAtOnceAndADeletedTenantIsGone() {
        ApiClient.Response renamed = api.patch("/api/v1/tenants/" + tenant, key, Map.of("name", "Renamed here"));
        assertThat(renamed.status()).isEqualTo(200);
        assertThat(nameSeenByItsKey()).isEqualTo("Renamed here");

        assertThat(api.get("/api/v1/tenants/" + tenant, OPERATOR_TOKEN).status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/tenants/" + tenant, OPERATOR_TOKEN).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/tenants/" + tenant, OPERATOR_TOKEN).status()).isEqualTo(404);
    }

    @Test
    void aChangeIsAnnouncedToOtherInstancesWhenItCommitsAndNotWhenItRollsBack() throws SQLException {
        try (Connection otherInstance = DriverManager.getConnection(PostgresTestDatabase.URL,
                PostgresTestDatabase.OWNER, "")) {
            try (Statement listen = otherInstance.createStatement()) {
                listen.execute("listen " + TenantCache.CHANNEL);
            }
            PGConnection heard = otherInstance.unwrap(PGConnection.class);

            currentTenant.callAsTenant(tenant, BASIC, () -> transactionTemplate.execute(status -> {
                tenants.change(tenant, new TenantChanges("Never committed", null, null, null, null));
                status.setRollbackOnly();
                return null;
            }));
            assertThat(heard.getNotifications(500)).as("after a rollback").isNullOrEmpty();

            assertThat(api.patch("/api/v1/tenants/" + tenant, key, Map.of("name", "Announced")).status())
                    .isEqualTo(200);
            PGNotification[] received = heard.getNotifications(10_000);
            assertThat(received).isNotNull().extracting(PGNotification::getParameter)
                    .containsExactly(tenant.toString());
        }
    }

    @Test
    void aRolledBackChangeLeavesTheKeptTenantAsItWas() throws SQLException {
        currentTenant.callAsTenant(tenant, BASIC, () -> transactionTemplate.execute(status -> {
            tenants.change(tenant, new TenantChanges("Never committed", null, null, null, null));
            status.setRollbackOnly();
            return null;
        }));
        // Had the rollback notified or left the uncommitted name in memory, one of these would show it.
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            assertThat(db.column("select name from tenants where id = ?", tenant.value()))
                    .singleElement().asString().startsWith("Cache ");
        }
        assertThat(nameSeenByItsKey()).startsWith("Cache ");
    }

    @Test
    void aKeptTenantIsServedOnlyToAScopeThatMaySeeIt() {
        TenantId other = new TenantId(UUID.fromString(api.createTenant("Cache other " + System.nanoTime(), "basic")));
        assertThat(currentTenant.callAsPlatform("test: filling the cache", () -> tenants.find(other))).isPresent();

        assertThat(currentTenant.callAsTenant(tenant, BASIC, () -> tenants.find(other))).isEmpty();
        assertThat(tenants.find(other)).as("no scope at all").isEmpty();
        assertThat(api.get("/api/v1/tenants/" + other, key).status()).isEqualTo(403);
    }

    @Test
    void whileTheListeningConnectionIsBrokenNothingIsServedFromMemory() throws SQLException {
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            // Every listening connection of this database (other test applications' too): each listens again.
            assertThat(db.column("select pg_terminate_backend(pid) from pg_stat_activity where query = ? "
                    + "and datname = current_database()", "listen " + TenantCache.CHANNEL)).isNotEmpty();
            // Changed without a notification while this instance cannot hear any: it must not be missed.
            db.update("update tenants set name = 'Changed while deaf' where id = ?", tenant.value());
        }

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                .until(() -> nameSeenByItsKey().equals("Changed while deaf"));
        awaitListening();
        assertThat(nameSeenByItsKey()).isEqualTo("Changed while deaf");
    }

    private String nameSeenByItsKey() {
        ApiClient.Response response = api.get("/api/v1/tenants/" + tenant, key);
        assertThat(response.status()).isEqualTo(200);
        return response.text("name");
    }

    private void awaitListening() {
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(cache::serving);
    }
}
