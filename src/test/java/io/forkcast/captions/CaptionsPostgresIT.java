package io.forkcast.captions;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.Plan;
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
 * The captions module on PostgreSQL as the non-owner application role: profile, menu item, generation and usage
 * work through row-level security (jsonb columns, the usage upsert), and queries without a tenant filter on its
 * tables see the current tenant's rows only.
 */
class CaptionsPostgresIT extends PostgresIntegrationTest {

    private static final Plan BASIC = new Plan("basic", 100, 10);
    private static final List<String> TABLES = List.of("restaurant_profiles", "menu_items", "generated_captions",
            "caption_usage");

    @Autowired
    private JdbcTemplate jdbcTemplate;

    @Autowired
    private TransactionTemplate transactionTemplate;

    @Autowired
    private CurrentTenant currentTenant;

    @Test
    void captionsWorkUnderRowLevelSecurityAndStayWithTheirTenant() {
        ApiClient api = api();
        String a = api.createTenant("PG captions A " + System.nanoTime(), "basic");
        String b = api.createTenant("PG captions B " + System.nanoTime(), "basic");
        for (String tenant : List.of(a, b)) {
            String key = api.createKey(tenant);
            assertThat(api.put("/api/v1/tenants/" + tenant + "/profile", key, Map.of("name", "Bistro",
                    "signature_hashtags", List.of("Bistro"), "banned_words", List.of("cheap"))).status()).isEqualTo(200);
            String item = api.post("/api/v1/tenants/" + tenant + "/menu-items", key, Map.of("name", "Quiche",
                    "dietary_tags", List.of("vegetarian"), "price", new BigDecimal("9.90"), "currency", "EUR")).text("id");
            Response first = api.post("/api/v1/tenants/" + tenant + "/captions", key,
                    Map.of("menu_item_id", item, "platform", "instagram", "variants", 2));
            Response second = api.post("/api/v1/tenants/" + tenant + "/captions", key,
                    Map.of("menu_item_id", item, "platform", "facebook"));
            assertThat(first.status()).isEqualTo(201);
            assertThat(second.body().get("variants").get(0).get("similarity").get("similar_to").asString())
                    .startsWith("caption:");
            assertThat(api.get("/api/v1/tenants/" + tenant + "/captions/usage", key).body().get("generations").asInt())
                    .isEqualTo(2);
        }

        TenantId tenantA = new TenantId(UUID.fromString(a));
        for (String table : TABLES) {
            List<UUID> seen = currentTenant.callAsTenant(tenantA, BASIC, () -> transactionTemplate.execute(
                    status -> jdbcTemplate.queryForList("select tenant_id from " + table, UUID.class)));
            assertThat(seen).as(table).isNotEmpty().containsOnly(tenantA.value());
        }
    }
}
