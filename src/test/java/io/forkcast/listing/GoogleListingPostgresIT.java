package io.forkcast.listing;

import io.forkcast.accounts.GoogleConnectSteps;
import io.forkcast.support.ApiClient;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Google listing on PostgreSQL as the non-owner application role: the menu sync state, reviews (their upsert,
 * reply and delete) and daily figures work through row-level security, and a query without a tenant filter on the
 * listing's tables sees the current tenant's rows only.
 */
class GoogleListingPostgresIT extends PostgresIntegrationTest {

    private static final List<String> TABLES = List.of("google_menu_syncs", "google_reviews", "google_daily_metrics");
    private static final String PARENT = GoogleConnectSteps.ACCOUNT + "/" + GoogleConnectSteps.LOCATION;

    @Autowired
    private JdbcTemplate jdbcTemplate;

    @Autowired
    private TransactionTemplate transactionTemplate;

    @Autowired
    private CurrentTenant currentTenant;

    @Test
    void theListingWorksUnderRowLevelSecurityAndStaysWithItsTenant() {
        ApiClient api = api();
        GoogleConnectSteps steps = new GoogleConnectSteps(api);
        steps.resetSandbox();
        String a = api.createTenant("PG listing A " + System.nanoTime(), "pro");
        String b = api.createTenant("PG listing B " + System.nanoTime(), "pro");
        for (String tenant : List.of(a, b)) {
            String key = api.createKey(tenant, "read", "write");
            assertThat(steps.connect(tenant, key).status()).isEqualTo(200);
            String base = "/api/v1/tenants/" + tenant + "/google";
            assertThat(api.post("/api/v1/tenants/" + tenant + "/menu-items", key, Map.of("name", "Quiche",
                    "price", new BigDecimal("9.90"), "currency", "EUR")).status()).isEqualTo(201);
            ApiClient.Response menu = api.post(base + "/menu-sync", key, null);
            assertThat(menu.status()).as(menu.raw().body()).isEqualTo(200);
            assertThat(menu.body().path("items").get(0).path("status").asString()).isEqualTo("synced");
            api.post("/sandbox/google/admin/reviews", null, Map.of("location", PARENT, "stars", 4,
                    "comment", "The quiche was great.", "reviewer", "Anna"));
            ApiClient.Response synced = api.post(base + "/reviews/sync", key, null);
            assertThat(synced.status()).as(synced.raw().body()).isEqualTo(200);
            api.post(base + "/reviews/sync", key, null); // known reviews are updated, not added again
            List<String> ids = api.get(base + "/reviews", key).body().path("items").valueStream()
                    .map(review -> review.path("id").asString()).toList();
            assertThat(ids).isNotEmpty();
            ApiClient.Response replied = api.put(base + "/reviews/" + ids.getFirst() + "/reply", key,
                    Map.of("comment", "Grazie!"));
            assertThat(replied.status()).as(replied.raw().body()).isEqualTo(200);
            assertThat(api.delete(base + "/reviews/" + ids.getFirst() + "/reply", key).status()).isEqualTo(200);
            ApiClient.Response figures = api.post(base + "/insights/sync", key, null);
            assertThat(figures.status()).as(figures.raw().body()).isEqualTo(200);
            api.post(base + "/insights/sync", key, null);
            assertThat(api.get(base + "/insights", key).body().path("locations").get(0).path("total")
                    .path("maps_views").asLong()).isPositive();
        }

        TenantId tenantA = new TenantId(UUID.fromString(a));
        for (String table : TABLES) {
            List<UUID> seen = currentTenant.callAsTenant(tenantA, null, () -> transactionTemplate.execute(
                    status -> jdbcTemplate.queryForList("select tenant_id from " + table, UUID.class)));
            assertThat(seen).as(table).isNotEmpty().containsOnly(tenantA.value());
        }
    }
}
