package io.forkcast.tenancy;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

class ApiKeyApiTest extends EmbeddedApiTest {

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void keyIsShownOnceAndListedByPrefixOnly() {
        ApiClient api = api();
        String tenant = api.createTenant("Key Bistro", "basic");

        Response created = api.post("/api/v1/tenants/" + tenant + "/api-keys", OPERATOR_TOKEN,
                Map.of("name", "POS integration", "scopes", new String[] {"read"}));
        assertThat(created.status()).isEqualTo(201);
        String secret = created.text("key");
        assertThat(secret).startsWith("fk_").hasSizeGreaterThan(40);
        assertThat(secret).startsWith(created.text("prefix"));
        assertThat(created.header("Cache-Control")).contains("no-store");

        Response listed = api.get("/api/v1/tenants/" + tenant + "/api-keys", OPERATOR_TOKEN);
        assertThat(listed.raw().body()).doesNotContain(secret);
        assertThat(listed.body().get("items").get(0).get("prefix").asString()).isEqualTo(created.text("prefix"));
        assertThat(listed.body().get("items").get(0).has("key")).isFalse();
    }

    @Test
    void readOnlyKeyCannotWrite() {
        ApiClient api = api();
        String tenant = api.createTenant("Reader Bistro", "basic");
        String reader = api.createKey(tenant, "read");

        assertThat(api.get("/api/v1/tenants/" + tenant, reader).status()).isEqualTo(200);
        Response refused = api.patch("/api/v1/tenants/" + tenant, reader, Map.of("name", "Renamed"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.text("detail")).contains("write");
    }

    @Test
    void usingAKeyRecordsLastUsedAt() {
        ApiClient api = api();
        String tenant = api.createTenant("Used Key Bistro", "basic");
        String key = api.createKey(tenant);

        api.get("/api/v1/tenants/" + tenant, key);

        Response listed = api.get("/api/v1/tenants/" + tenant + "/api-keys", OPERATOR_TOKEN);
        assertThat(listed.body().get("items").get(0).get("last_used_at").isNull()).isFalse();
    }

    @Test
    void revokedKeyIsRefusedAtOnce() {
        ApiClient api = api();
        String tenant = api.createTenant("Revoke Bistro", "basic");
        String key = api.createKey(tenant);
        assertThat(api.get("/api/v1/tenants/" + tenant, key).status()).isEqualTo(200);
        String keyId = api.get("/api/v1/tenants/" + tenant + "/api-keys", OPERATOR_TOKEN)
                .body().get("items").get(0).get("id").asString();

        assertThat(api.delete("/api/v1/tenants/" + tenant + "/api-keys/" + keyId, OPERATOR_TOKEN).status())
                .isEqualTo(204);

        Response refused = api.get("/api/v1/tenants/" + tenant, key);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.header("WWW-Authenticate")).contains("Bearer", "invalid_token");
        assertThat(api.get("/api/v1/tenants/" + tenant + "/api-keys/" + keyId, OPERATOR_TOKEN).text("revoked_at"))
                .isNotNull();
    }

    @Test
    void aNewKeyIsNeverKeptForAnIdempotentReplay() throws Exception {
        String tenant = api().createTenant("Replay Bistro", "basic");
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tenants/"
                        + tenant + "/api-keys"))
                .header("Authorization", "Bearer " + OPERATOR_TOKEN).header("Content-Type", "application/json")
                .header("Idempotency-Key", "same-key")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"POS\"}")).build();

        HttpResponse<String> first = http.send(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> second = http.send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        JsonMapper json = JsonMapper.builder().build();
        String firstKey = json.readTree(first.body()).path("key").asString();
        assertThat(firstKey).startsWith("fk_");
        assertThat(json.readTree(second.body()).path("key").asString()).isNotEqualTo(firstKey);
        assertThat(jdbc.queryForObject("select count(*) from idempotency_keys where tenant_id = ?", Integer.class,
                UUID.fromString(tenant))).isZero();
        assertThat(api().get("/api/v1/tenants/" + tenant + "/api-keys", OPERATOR_TOKEN).body().path("items"))
                .hasSize(2);
    }
}
