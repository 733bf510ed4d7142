package io.forkcast.tenancy;

import io.forkcast.support.ApiClient;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.support.PostgresOwnerConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * PostgreSQL's row-level security behind the application's own tenant filters: the application connects as
 * {@code forkcast_app}, and SQL that forgets its {@code where tenant_id = ?} still sees, and may write, only the
 * rows of the tenant the transaction works for.
 */
class RowLevelSecurityIT extends PostgresIntegrationTest {

    private static final Plan BASIC = new Plan("basic", 100, 10);
    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final String INSERT_USER = "insert into tenant_users (id, tenant_id, email, role, created_at, "
            + "updated_at) values (?, ?, ?, 'VIEWER', now(), now())";

    @Autowired
    private JdbcTemplate jdbcTemplate;

    @Autowired
    private TransactionTemplate transactionTemplate;

    @Autowired
    private CurrentTenant currentTenant;

    @Autowired
    private Tenants tenants;

    private TenantId tenantA;
    private TenantId tenantB;

    @BeforeEach
    void twoTenantsWithTwoUsersEach() {
        ApiClient api = api();
        tenantA = new TenantId(UUID.fromString(api.createTenant("RLS A " + System.nanoTime(), "basic")));
        tenantB = new TenantId(UUID.fromString(api.createTenant("RLS B " + System.nanoTime(), "basic")));
        for (TenantId tenant : List.of(tenantA, tenantB)) {
            ApiClient.Response added = api.post("/api/v1/tenants/" + tenant + "/users", OPERATOR_TOKEN,
                    Map.of("email", "cook@example.com", "role", "editor"));
            assertThat(added.status()).isEqualTo(201);
        }
    }

    @Test
    void applicationConnectsAsARoleThatOwnsNoTableAndCannotBypassRowLevelSecurity() {
        Map<String, Object> role = transactionTemplate.execute(status -> jdbcTemplate.queryForMap(
                "select rolname, rolsuper, rolbypassrls from pg_roles where rolname = current_user"));
        List<String> ownedTables = transactionTemplate.execute(status -> jdbcTemplate.queryForList(
                "select tablename from pg_tables where schemaname = 'public' and tableowner = current_user",
                String.class));

        assertThat(role).containsEntry("rolname", "forkcast_app")
                .containsEntry("rolsuper", false)
                .containsEntry("rolbypassrls", false);
        assertThat(ownedTables).isEmpty();
    }

    @Test
    void queryWithoutTenantFilterSeesOnlyCurrentTenantRows() {
        List<UUID> seen = currentTenant.callAsTenant(tenantA, BASIC, this::tenantIdsOfAllUsers);

        assertThat(seen).hasSize(2).containsOnly(tenantA.value());
    }

    @Test
    void tenantsTableShowsOnlyTheCurrentTenant() {
        List<UUID> seen = currentTenant.callAsTenant(tenantB, BASIC, () -> transactionTemplate.execute(
                status -> jdbcTemplate.queryForList("select id from tenants", UUID.class)));

        assertThat(seen).containsExactly(tenantB.value());
    }

    @Test
    void transactionWithoutAnyScopeSeesNoTenantRows() {
        List<UUID> tenants = transactionTemplate.execute(
                status -> jdbcTemplate.queryForList("select id from tenants", UUID.class));

        assertThat(tenantIdsOfAllUsers()).isEmpty();
        assertThat(tenants).isEmpty();
    }

    @Test
    void queryOutsideAnyTransactionSeesNoTenantRowsEvenInATenantScope() {
        // The scope reaches PostgreSQL when a transaction begins; without one the policies fail closed.
        List<UUID> seen = currentTenant.callAsTenant(tenantA, BASIC,
                () -> jdbcTemplate.queryForList("select tenant_id from tenant_users", UUID.class));

        assertThat(seen).isEmpty();
    }

    @Test
    void platformScopeSeesEveryTenantsRows() {
        List<UUID> seen = currentTenant.callAsPlatform("test: reading across tenants", this::tenantIdsOfAllUsers);

        assertThat(seen).contains(tenantA.value(), tenantB.value());
        assertThat(seen.stream().filter(tenantA.value()::equals)).hasSize(2);
        assertThat(seen.stream().filter(tenantB.value()::equals)).hasSize(2);
    }

    @Test
    void insertingARowForAnotherTenantIsRefusedByThePolicy() throws SQLException {
        UUID intruder = UUID.randomUUID();

        assertThatThrownBy(() -> currentTenant.callAsTenant(tenantA, BASIC, () -> transactionTemplate.execute(
                status -> jdbcTemplate.update(INSERT_USER, intruder, tenantB.value(), "intruder@example.com"))))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(sqlStateOf(e)).isEqualTo(INSUFFICIENT_PRIVILEGE))
                .rootCause().hasMessageContaining("row-level security policy");
        // The same insert for the scoped tenant itself goes through: the tenant mismatch is what was refused.
        int inserted = currentTenant.callAsTenant(tenantA, BASIC, () -> transactionTemplate.execute(
                status -> jdbcTemplate.update(INSERT_USER, UUID.randomUUID(), tenantA.value(), "new@example.com")));
        assertThat(inserted).isOne();
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            assertThat(db.count("select count(*) from tenant_users where id = ?", intruder)).isZero();
        }
    }

    @Test
    void movingARowToAnotherTenantIsRefusedByThePolicy() throws SQLException {
        assertThatThrownBy(() -> currentTenant.callAsTenant(tenantA, BASIC, () -> transactionTemplate.execute(
                status -> jdbcTemplate.update("update tenant_users set tenant_id = ? where tenant_id = ?",
                        tenantB.value(), tenantA.value()))))
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(sqlStateOf(e)).isEqualTo(INSUFFICIENT_PRIVILEGE));
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            assertThat(db.count("select count(*) from tenant_users where tenant_id = ?", tenantA.value())).isEqualTo(2);
        }
    }

    @Test
    void updatesAndDeletesWithoutTenantFilterCannotReachAnotherTenantsRows() throws SQLException {
        int[] changed = currentTenant.callAsTenant(tenantA, BASIC, () -> transactionTemplate.execute(status -> {
            int renamed = jdbcTemplate.update("update tenant_users set full_name = 'Renamed'");
            int deleted = jdbcTemplate.update("delete from tenant_users where tenant_id = ?", tenantB.value());
            status.setRollbackOnly();
            return new int[] {renamed, deleted};
        }));

        assertThat(changed[0]).as("rows renamed").isEqualTo(2);
        assertThat(changed[1]).as("rows of B deleted").isZero();
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            assertThat(db.count("select count(*) from tenant_users where tenant_id = ?", tenantB.value())).isEqualTo(2);
        }
    }

    @Test
    void tenantReadOutsideATransactionSeesOnlyWhatItsScopeMaySee() {
        assertThat(currentTenant.callAsTenant(tenantA, BASIC, () -> tenants.find(tenantA)))
                .hasValueSatisfying(tenant -> assertThat(tenant.name()).startsWith("RLS A "));
        assertThat(currentTenant.callAsTenant(tenantA, BASIC, () -> tenants.find(tenantB))).isEmpty();
        assertThat(tenants.find(tenantA)).as("no scope at all").isEmpty();
        assertThat(currentTenant.callAsPlatform("test: reading another tenant", () -> tenants.find(tenantB)))
                .hasValueSatisfying(tenant -> assertThat(tenant.name()).startsWith("RLS B "));
    }

    @Test
    void tenantReadLeavesNoScopeOnTheConnectionItReturnsToThePool() {
        for (int read = 0; read < 5; read++) {
            assertThat(currentTenant.callAsTenant(tenantA, BASIC, () -> tenants.find(tenantA))).isPresent();
            // The pool gives a thread back the connection it used last: the read's scope must have ended with it.
            String left = jdbcTemplate.queryForObject(
                    "select coalesce(current_setting('app.tenant_id', true), '')", String.class);
            List<UUID> visible = jdbcTemplate.queryForList("select id from tenants", UUID.class);
            assertThat(left).isEmpty();
            assertThat(visible).isEmpty();
        }
    }

    private List<UUID> tenantIdsOfAllUsers() {
        return transactionTemplate.execute(
                status -> jdbcTemplate.queryForList("select tenant_id from tenant_users", UUID.class));
    }

    private static String sqlStateOf(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql) {
                return sql.getSQLState();
            }
        }
        return null;
    }
}
