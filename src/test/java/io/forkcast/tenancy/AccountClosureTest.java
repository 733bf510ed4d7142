package io.forkcast.tenancy;

import io.forkcast.assets.MediaStore;
import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.FormSession;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Closing a restaurant's account over HTTP: the name must be typed again; closed, its keys and its owner's sign-in are
 * refused with a sentence saying why and its scheduled deliveries are held; the operator restores it within the grace
 * period; after it (the clock moved), the deletion job deletes the tenant with its media and records the deletion.
 */
class AccountClosureTest extends SandboxedApiTest {

    private static final String PASSWORD = "a long enough password";

    @Autowired
    TenantClosures closures;

    @Autowired
    MediaStore store;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private String name;
    private String tenant;
    private String email;
    private String admin;

    @BeforeEach
    void tenantWithOwner() {
        api = api();
        name = "Closing Trattoria " + System.nanoTime();
        email = "owner-" + UUID.randomUUID() + "@example.com";
        ApiClient.Response created = api.post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", name, "email", email, "plan", "pro"));
        assertThat(created.status()).isEqualTo(201);
        tenant = created.text("id");
        assertThat(new FormSession(port).submit(created.text("owner_invite_url"),
                Map.of("password", PASSWORD, "password_again", PASSWORD)).statusCode()).isEqualTo(302);
        admin = api.createKey(tenant, "read", "write", "admin");
    }

    @Test
    void aWrongNameClosesNothing() {
        ApiClient.Response refused = api.post(closure(tenant), admin, Map.of("confirm_name", "Some other place"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw().body()).contains("confirm_name", name);
        ApiClient.Response missing = api.post(closure(tenant), admin, Map.of());
        assertThat(missing.status()).isEqualTo(400);
        assertThat(api.get(closure(tenant), ApiClient.OPERATOR_TOKEN).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tenants/" + tenant, admin).status()).isEqualTo(200);
    }

    @Test
    void closedTheKeysAndSignInAreRefusedAndDeliveriesHeld_untilTheOperatorRestoresIt() throws Exception {
        Map<String, String> accounts = PostingFixtures.connect(api, tenant, admin);
        String asset = PostingFixtures.upload(port, tenant, admin);
        String post = api.post("/api/v1/tenants/" + tenant + "/posts", admin, Map.of("targets",
                PostingFixtures.targets(accounts.get(PostingFixtures.PAGE)), "caption", "Sunday lunch",
                "asset_ids", List.of(asset), "scheduled_for", Instant.now().plus(Duration.ofDays(1)).toString()))
                .text("id");
        String other = api.createTenant("Bystander " + System.nanoTime(), "pro");
        String otherKey = api.createKey(other, "read", "write", "admin");
        assertThat(api.post(closure(tenant), otherKey, Map.of("confirm_name", name)).status()).isEqualTo(403);
        assertThat(api.post(closure(tenant), api.createKey(tenant, "read", "write"), Map.of("confirm_name", name))
                .status()).isEqualTo(403);

        ApiClient.Response closed = api.post(closure(tenant), admin, Map.of("confirm_name", "  " + name.toUpperCase()));
        assertThat(closed.status()).as(closed.raw().body()).isEqualTo(201);
        Instant closedAt = Instant.parse(closed.text("closed_at"));
        assertThat(Instant.parse(closed.text("delete_after"))).isEqualTo(closedAt.plus(Duration.ofDays(30)));
        assertThat(closed.text("closed_by")).startsWith("api-key:");

        ApiClient.Response refused = api.get("/api/v1/tenants/" + tenant, admin);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.text("detail")).contains("closed");
        HttpResponse<String> signIn = new FormSession(port).signIn(email, PASSWORD);
        assertThat(signIn.statusCode()).isEqualTo(403);
        assertThat(signIn.body()).contains("is closed");
        PostingFixtures.awaitStatus(api, tenant, ApiClient.OPERATOR_TOKEN, post, "held");
        assertThat(api.get(closure(tenant), ApiClient.OPERATOR_TOKEN).text("closed_at")).isNotNull();
        assertThat(api.post(closure(tenant), ApiClient.OPERATOR_TOKEN, Map.of("confirm_name", name)).status())
                .isEqualTo(409);
        assertThat(api.get("/api/v1/tenants/" + other, otherKey).status()).isEqualTo(200);

        assertThat(api.delete(closure(tenant), ApiClient.OPERATOR_TOKEN).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/tenants/" + tenant, admin).status()).isEqualTo(200);
        assertThat(new FormSession(port).signIn(email, PASSWORD).statusCode()).isEqualTo(302);
        assertThat(api.delete(closure(tenant), ApiClient.OPERATOR_TOKEN).status()).isEqualTo(409);
        ApiClient.Response notOperator = api.delete(closure(tenant), admin);
        assertThat(notOperator.status()).isEqualTo(403);
        assertThat(notOperator.text("detail")).contains("operator");
    }

    @Test
    void afterTheGracePeriodEverythingGoes_mediaIncluded_andTheDeletionIsRecorded() throws Exception {
        String asset = PostingFixtures.upload(port, tenant, admin);
        String key = jdbc.sql("select original_key from brand_assets where id = ?").param(UUID.fromString(asset))
                .query(String.class).single();
        assertThat(store.exists(key)).isTrue();
        String other = api.createTenant("Survivor " + System.nanoTime(), "pro");
        assertThat(api.post(closure(tenant), admin, Map.of("confirm_name", name)).status()).isEqualTo(201);

        CLOCK.advance(Duration.ofDays(29));
        closures.deleteDue();
        assertThat(api.get("/api/v1/tenants/" + tenant, ApiClient.OPERATOR_TOKEN).status()).isEqualTo(200);
        assertThat(closures.deletedAt(new TenantId(UUID.fromString(tenant)))).isEmpty();

        CLOCK.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(closures.deleteDue()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/v1/tenants/" + tenant, ApiClient.OPERATOR_TOKEN).status()).isEqualTo(404);
        assertThat(closures.deletedAt(new TenantId(UUID.fromString(tenant)))).contains(
                CLOCK.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        JsonNode record = api.get("/api/v1/tenants/" + other, ApiClient.OPERATOR_TOKEN).body();
        assertThat(record.path("id").asString()).isEqualTo(other);
        assertThat(jdbc.sql("select count(*) from brand_assets where tenant_id = ?").param(UUID.fromString(tenant))
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select name_sha256 from tenant_deletions where tenant_id = ?")
                .param(UUID.fromString(tenant)).query(String.class).single())
                .isEqualTo(ApiKeys.sha256(name.toLowerCase())).doesNotContain(name);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !store.exists(key));
    }

    private static String closure(String tenantId) {
        return "/api/v1/tenants/" + tenantId + "/closure";
    }
}
