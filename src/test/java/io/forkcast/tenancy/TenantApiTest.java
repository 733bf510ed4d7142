package io.forkcast.tenancy;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

class TenantApiTest extends EmbeddedApiTest {

    @Test
    void operatorCreatesTenantWithTheSeedsShapeAndAnOwner() {
        ApiClient api = api();
        Response created = api.post("/api/v1/tenants", OPERATOR_TOKEN, Map.of("name", "Krusty Pizza",
                "email", "owner@krustypizza.com", "plan", "pro", "timezone", "Europe/Paris",
                "tenant_metadata", Map.of("cuisine", "pizza")));

        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.header("Location")).endsWith("/api/v1/tenants/" + id);
        assertThat(created.text("name")).isEqualTo("Krusty Pizza");
        assertThat(created.text("plan")).isEqualTo("pro");
        assertThat(created.text("timezone")).isEqualTo("Europe/Paris");
        assertThat(created.body().get("tenant_metadata").get("cuisine").asString()).isEqualTo("pizza");
        assertThat(created.text("created_at")).isNotNull();
        assertThat(created.text("updated_at")).isNotNull();

        Response users = api.get("/api/v1/tenants/" + id + "/users", OPERATOR_TOKEN);
        assertThat(users.body().get("items")).hasSize(1);
        assertThat(users.body().get("items").get(0).get("role").asString()).isEqualTo("owner");
        assertThat(users.body().get("items").get(0).get("email").asString()).isEqualTo("owner@krustypizza.com");
    }

    @Test
    void timezoneDefaultsToUtcAndPlanToBasic() {
        Response created = api().post("/api/v1/tenants", OPERATOR_TOKEN,
                Map.of("name", "Plain Diner", "email", "plain@example.com"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.text("timezone")).isEqualTo("UTC");
        assertThat(created.text("plan")).isEqualTo("basic");
    }

    @Test
    void tenantReadsAndChangesItselfWithItsKey() {
        ApiClient api = api();
        String id = api.createTenant("Self Service Cafe", "basic");
        String key = api.createKey(id);

        assertThat(api.get("/api/v1/tenants/" + id, key).text("name")).isEqualTo("Self Service Cafe");

        Response patched = api.patch("/api/v1/tenants/" + id, key,
                Map.of("name", "Self Service Café", "timezone", "America/New_York"));
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.text("name")).isEqualTo("Self Service Café");
        assertThat(patched.text("timezone")).isEqualTo("America/New_York");
        assertThat(patched.text("email")).isEqualTo("selfservicecafe@example.com");

        Response replaced = api.put("/api/v1/tenants/" + id, key,
                Map.of("name", "Cafe Replaced", "email", "new@example.com"));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.text("email")).isEqualTo("new@example.com");
        assertThat(replaced.text("timezone")).isEqualTo("UTC");
        assertThat(replaced.text("plan")).isEqualTo("basic");
    }

    @Test
    void onlyTheOperatorChangesAPlan() {
        ApiClient api = api();
        String id = api.createTenant("Upgrade Seeker", "basic");
        String key = api.createKey(id);

        Response refused = api.patch("/api/v1/tenants/" + id, key, Map.of("plan", "enterprise"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.get("/api/v1/tenants/" + id, OPERATOR_TOKEN).text("plan")).isEqualTo("basic");

        Response upgraded = api.patch("/api/v1/tenants/" + id, OPERATOR_TOKEN, Map.of("plan", "enterprise"));
        assertThat(upgraded.text("plan")).isEqualTo("enterprise");
        assertThat(api.get("/api/v1/tenants/" + id, key).header("RateLimit-Limit")).isEqualTo("2000");
    }

    @Test
    void listIsPaginatedWithAnOpaqueCursor() {
        ApiClient api = api();
        for (int i = 0; i < 3; i++) {
            api.createTenant("Paged Tenant " + i, "basic");
        }
        Set<String> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = api.get("/api/v1/tenants?limit=2" + (cursor == null ? "" : "&cursor=" + cursor),
                    OPERATOR_TOKEN);
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().get("items").size()).isLessThanOrEqualTo(2);
            page.body().get("items").forEach(item -> assertThat(seen.add(item.get("id").asString())).isTrue());
            cursor = page.text("next_cursor");
            pages++;
        } while (cursor != null);
        assertThat(seen.size()).isGreaterThanOrEqualTo(3);
        assertThat(pages).isGreaterThanOrEqualTo(2);
    }

    @Test
    void limitAboveTheMaximumIsRefused() {
        Response response = api().get("/api/v1/tenants?limit=201", OPERATOR_TOKEN);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("limit");
    }

    @Test
    void deletingATenantDeletesItsUsersAndKeys() {
        ApiClient api = api();
        String id = api.createTenant("Closing Down", "basic");
        String key = api.createKey(id);
        api.post("/api/v1/tenants/" + id + "/users", OPERATOR_TOKEN, Map.of("email", "cook@example.com", "role", "editor"));

        assertThat(api.delete("/api/v1/tenants/" + id, OPERATOR_TOKEN).status()).isEqualTo(204);

        assertThat(api.get("/api/v1/tenants/" + id, OPERATOR_TOKEN).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tenants/" + id + "/users", OPERATOR_TOKEN).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tenants/" + id, key).status()).isEqualTo(401);
    }

    @Test
    void aTenantCannotDeleteItself() {
        ApiClient api = api();
        String id = api.createTenant("Not Allowed", "basic");
        String key = api.createKey(id, "read", "write", "admin");

        assertThat(api.delete("/api/v1/tenants/" + id, key).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/tenants/" + id, key).status()).isEqualTo(200);
    }

    @Test
    void metadataOver16KibIsRefused() {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("blob", "x".repeat(17 * 1024));
        Response response = api().post("/api/v1/tenants", OPERATOR_TOKEN,
                Map.of("name", "Big Meta", "email", "big@example.com", "tenant_metadata", metadata));

        assertThat(response.status()).isEqualTo(400);
        assertThat(fields(response)).containsExactly("tenant_metadata");
    }

    static List<String> fields(Response response) {
        return response.body().get("errors").valueStream().map(e -> e.get("field").asString()).toList();
    }
}
