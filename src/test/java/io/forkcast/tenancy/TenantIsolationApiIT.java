package io.forkcast.tenancy;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.PostgresIntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The API's tenant boundaries over HTTP, on PostgreSQL with row-level security. */
class TenantIsolationApiIT extends PostgresIntegrationTest {

    private ApiClient api;
    private String tenantA;
    private String keyA;
    private String tenantB;

    @BeforeEach
    void twoTenants() {
        api = api();
        tenantA = api.createTenant("Isolation A " + System.nanoTime(), "basic");
        keyA = api.createKey(tenantA, "read", "write", "admin");
        tenantB = api.createTenant("Isolation B " + System.nanoTime(), "basic");
    }

    @Test
    void keyOfTenantAOnTenantBsPathIsForbidden() {
        Response tenant = api.get("/api/v1/tenants/" + tenantB, keyA);
        Response users = api.get("/api/v1/tenants/" + tenantB + "/users", keyA);

        assertProblem(tenant, 403);
        assertThat(tenant.text("detail")).contains("another tenant");
        assertThat(tenant.raw().body()).doesNotContain("Isolation B");
        assertProblem(users, 403);
    }

    @Test
    void userOfTenantBUnderTenantAsPathIsNotFound() {
        String userOfB = firstUserId(tenantB);

        assertProblem(api.get("/api/v1/tenants/" + tenantA + "/users/" + userOfB, keyA), 404);
        // The operator crosses tenants in the database too: only the query's tenant filter keeps B's user out.
        assertProblem(api.get("/api/v1/tenants/" + tenantA + "/users/" + userOfB, OPERATOR_TOKEN), 404);
        assertThat(api.get("/api/v1/tenants/" + tenantB + "/users/" + userOfB, OPERATOR_TOKEN).status())
                .isEqualTo(200);
    }

    @Test
    void operatorCanListTenants() {
        List<String> ids = new ArrayList<>();
        String cursor = null;
        do {
            Response page = api.get("/api/v1/tenants?limit=200" + (cursor == null ? "" : "&cursor=" + cursor),
                    OPERATOR_TOKEN);
            assertThat(page.status()).isEqualTo(200);
            page.body().get("items").forEach(tenant -> ids.add(tenant.get("id").asString()));
            cursor = page.text("next_cursor");
        } while (cursor != null);

        assertThat(ids).contains(tenantA, tenantB);
    }

    @Test
    void tenantKeyCannotListTenants() {
        Response response = api.get("/api/v1/tenants", keyA);

        assertProblem(response, 403);
        assertThat(response.raw().body()).doesNotContain(tenantB);
    }

    @Test
    void revokedKeyIsRefusedWith401AndWwwAuthenticate() {
        String key = api.createKey(tenantA);
        assertThat(api.get("/api/v1/tenants/" + tenantA, key).status()).isEqualTo(200);
        String keyId = api.get("/api/v1/tenants/" + tenantA + "/api-keys", OPERATOR_TOKEN).body().get("items")
                .valueStream()
                .filter(item -> key.startsWith(item.get("prefix").asString()))
                .map(item -> item.get("id").asString())
                .findFirst().orElseThrow();

        assertThat(api.delete("/api/v1/tenants/" + tenantA + "/api-keys/" + keyId, OPERATOR_TOKEN).status())
                .isEqualTo(204);
        Response refused = api.get("/api/v1/tenants/" + tenantA, key);

        assertProblem(refused, 401);
        assertThat(refused.header("WWW-Authenticate")).startsWith("Bearer").contains("error=\"invalid_token\"");
        assertThat(refused.text("detail")).contains("revoked");
    }

    private String firstUserId(String tenant) {
        JsonNode items = api.get("/api/v1/tenants/" + tenant + "/users", OPERATOR_TOKEN).body().get("items");
        assertThat(items).isNotEmpty();
        return items.get(0).get("id").asString();
    }

    private static void assertProblem(Response response, int status) {
        assertThat(response.status()).isEqualTo(status);
        assertThat(response.contentType()).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body().get("status_code").asInt()).isEqualTo(status);
        assertThat(response.body().get("status").asInt()).isEqualTo(status);
        assertThat(response.text("detail")).isNotBlank();
    }
}
