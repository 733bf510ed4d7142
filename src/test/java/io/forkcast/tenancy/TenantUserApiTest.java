package io.forkcast.tenancy;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

class TenantUserApiTest extends EmbeddedApiTest {

    @Test
    void adminKeyManagesUsers() {
        ApiClient api = api();
        String tenant = api.createTenant("Users Bistro", "basic");
        String admin = api.createKey(tenant, "read", "write", "admin");

        Response added = api.post("/api/v1/tenants/" + tenant + "/users", admin,
                Map.of("email", "Chef@Example.com", "full_name", "Chef Anna", "role", "editor"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(added.text("email")).isEqualTo("chef@example.com");
        String userId = added.text("id");

        Response changed = api.patch("/api/v1/tenants/" + tenant + "/users/" + userId, admin, Map.of("role", "admin"));
        assertThat(changed.text("role")).isEqualTo("admin");
        assertThat(changed.text("full_name")).isEqualTo("Chef Anna");

        assertThat(api.delete("/api/v1/tenants/" + tenant + "/users/" + userId, admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/tenants/" + tenant + "/users/" + userId, admin).status()).isEqualTo(404);
    }

    @Test
    void managingUsersNeedsTheAdminScope() {
        ApiClient api = api();
        String tenant = api.createTenant("Scoped Bistro", "basic");
        String writer = api.createKey(tenant);

        Response refused = api.post("/api/v1/tenants/" + tenant + "/users", writer,
                Map.of("email", "x@example.com", "role", "viewer"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("detail")).contains("admin");
        assertThat(api.get("/api/v1/tenants/" + tenant + "/users", writer).body().get("items")).hasSize(1);
    }

    @Test
    void duplicateEmailInATenantIsAConflictWhateverItsCase() {
        ApiClient api = api();
        String tenant = api.createTenant("Dup Bistro", "basic");
        api.post("/api/v1/tenants/" + tenant + "/users", OPERATOR_TOKEN, Map.of("email", "sam@example.com", "role", "viewer"));

        Response duplicate = api.post("/api/v1/tenants/" + tenant + "/users", OPERATOR_TOKEN,
                Map.of("email", "SAM@example.com", "role", "editor"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/tenants/" + tenant + "/users", OPERATOR_TOKEN).body().get("items")).hasSize(2);
    }

    @Test
    void sameEmailMayBelongToTwoTenants() {
        ApiClient api = api();
        String first = api.createTenant("First Shared", "basic");
        String second = api.createTenant("Second Shared", "basic");

        assertThat(api.post("/api/v1/tenants/" + first + "/users", OPERATOR_TOKEN,
                Map.of("email", "consultant@example.com", "role", "viewer")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/tenants/" + second + "/users", OPERATOR_TOKEN,
                Map.of("email", "consultant@example.com", "role", "viewer")).status()).isEqualTo(201);
    }

    @Test
    void theLastOwnerCannotBeDemotedOrRemoved() {
        ApiClient api = api();
        String tenant = api.createTenant("Owner Bistro", "basic");
        String owner = api.get("/api/v1/tenants/" + tenant + "/users", OPERATOR_TOKEN)
                .body().get("items").get(0).get("id").asString();

        assertThat(api.patch("/api/v1/tenants/" + tenant + "/users/" + owner, OPERATOR_TOKEN, Map.of("role", "admin"))
                .status()).isEqualTo(409);
        assertThat(api.delete("/api/v1/tenants/" + tenant + "/users/" + owner, OPERATOR_TOKEN).status()).isEqualTo(409);

        String second = api.post("/api/v1/tenants/" + tenant + "/users", OPERATOR_TOKEN,
                Map.of("email", "co-owner@example.com", "role", "owner")).text("id");
        assertThat(api.delete("/api/v1/tenants/" + tenant + "/users/" + owner, OPERATOR_TOKEN).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/tenants/" + tenant + "/users/" + second, OPERATOR_TOKEN).text("role"))
                .isEqualTo("owner");
    }

    @Test
    void unknownRoleIsRefusedWithTheAllowedOnes() {
        ApiClient api = api();
        String tenant = api.createTenant("Role Bistro", "basic");

        Response response = api.post("/api/v1/tenants/" + tenant + "/users", OPERATOR_TOKEN,
                Map.of("email", "x@example.com", "role", "superuser"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("message").asString())
                .contains("owner", "admin", "editor", "viewer");
    }
}
