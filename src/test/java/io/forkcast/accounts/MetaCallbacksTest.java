package io.forkcast.accounts;

import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Meta's deauthorize and data deletion callbacks, sent by the sandbox over HTTP as Meta sends them (form-encoded,
 * signed with the app secret), to two tenants whose accounts were connected by the same Facebook user.
 */
@ExtendWith(OutputCaptureExtension.class)
class MetaCallbacksTest extends SandboxedApiTest {

    private static final String SANDBOX_USER = "10000000000001";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    /** The Meta user of A's and B's accounts in this test; every test has its own (see the set-up). */
    private String user;

    private ApiClient api;
    private String tenantA;
    private String keyA;
    private String tenantB;
    private String keyB;
    private String tenantC;
    private String keyC;

    /**
     * A, B and C connected through the sandbox, whose one Facebook user manages every Page. The connect records
     * that user's app-scoped id on each account; the set-up then gives A's and B's accounts a Meta user id of
     * this test's own and C's another person's, since the application (and its database) outlive one test and
     * other tests' tenants were connected by the same sandbox user.
     */
    @BeforeEach
    void threeTenantsConnected() {
        api = api();
        tenantA = connectedTenant("A");
        keyA = api.createKey(tenantA, "read", "write");
        tenantB = connectedTenant("B");
        keyB = api.createKey(tenantB, "read", "write");
        tenantC = connectedTenant("C");
        keyC = api.createKey(tenantC, "read", "write");
        assertThat(jdbc.sql("select distinct meta_user_id from social_accounts where tenant_id in (?, ?, ?)")
                .params(UUID.fromString(tenantA), UUID.fromString(tenantB), UUID.fromString(tenantC))
                .query(String.class).list()).containsExactly(SANDBOX_USER);
        user = String.valueOf(10_000_000_000_000L + (System.nanoTime() % 1_000_000_000L));
        transactions.executeWithoutResult(status -> {
            setMetaUser(tenantA, user);
            setMetaUser(tenantB, user);
            setMetaUser(tenantC, user + "9");
        });
    }

    private void setMetaUser(String tenant, String metaUser) {
        jdbc.sql("update social_accounts set meta_user_id = ? where tenant_id = ?").param(metaUser)
                .param(UUID.fromString(tenant)).update();
    }

    private String connectedTenant(String name) {
        String tenant = api.createTenant("Meta rights " + name + " " + System.nanoTime(), "pro");
        String key = api.createKey(tenant, "read", "write");
        assertThat(new ConnectSteps(api).connect(tenant, key).status()).isEqualTo(200);
        return tenant;
    }

    @Test
    void aValidDeauthorizeMakesTheUsersAccountsInEveryTenantNeedReconnecting_tokensGone_deliveriesHeld()
            throws Exception {
        String pageOfA = account(tenantA, keyA, ConnectSteps.PAGE_WITH_INSTAGRAM);
        String post = scheduledPost(tenantA, keyA, pageOfA);

        Response sent = api.post("/sandbox/admin/users/" + user + "/deauthorize", null, null);

        assertThat(sent.status()).isEqualTo(200);
        assertThat(sent.body().path("status").asInt()).as(sent.raw().body()).isEqualTo(200);
        assertThat(sent.text("callback_url")).endsWith("/api/v1/meta/deauthorize");
        for (String[] tenant : List.of(new String[] {tenantA, keyA}, new String[] {tenantB, keyB})) {
            JsonNode accounts = api.get("/api/v1/tenants/" + tenant[0] + "/accounts", tenant[1]).body().path("items");
            assertThat(accounts).hasSize(3);
            for (JsonNode account : accounts) {
                assertThat(account.path("status").asString()).isEqualTo("needs_reconnect");
                assertThat(account.path("reason").asString()).contains("removed Forkcast from their Facebook settings")
                        .contains("connect the account again");
            }
            assertThat(tokens(tenant[0])).isZero();
        }
        assertThat(statuses(tenantC, keyC)).containsOnly("active");
        assertThat(tokens(tenantC)).isEqualTo(5);
        String postPath = "/api/v1/tenants/" + tenantA + "/posts/" + post;
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(postPath, keyA).text("status").equals("held"));
        assertThat(api.post("/sandbox/admin/users/" + user + "/deauthorize", null, null).body()
                .path("status").asInt()).as("Meta may call twice").isEqualTo(200);
    }

    @Test
    void aForgedDeauthorizeIsRefusedWith400AndOneLogLineWithoutThePayload_nothingChanges(CapturedOutput output) {
        Response wrongSecret = api.post("/sandbox/admin/users/" + user + "/deauthorize", null,
                Map.of("signing_secret", "not-the-app-secret"));
        Response wrongAlgorithm = api.post("/sandbox/admin/users/" + user + "/deauthorize", null,
                Map.of("algorithm", "HMAC-SHA1"));

        assertThat(wrongSecret.body().path("status").asInt()).isEqualTo(400);
        assertThat(wrongSecret.body().path("body").path("detail").asString()).contains("signature");
        assertThat(wrongAlgorithm.body().path("status").asInt()).isEqualTo(400);
        assertThat(wrongAlgorithm.body().path("body").path("detail").asString()).contains("algorithm");
        assertThat(statuses(tenantA, keyA)).containsOnly("active");
        assertThat(tokens(tenantA)).isEqualTo(5);
        assertThat(output.getAll()).contains("Refused a Meta deauthorize callback: the signature does not match")
                .doesNotContain(user).doesNotContain("signed_request=");
    }

    @Test
    void malformedCallbacksAreProblemsNot500s() {
        for (String body : List.of("", "signed_request=", "signed_request=abc", "signed_request=a.b.c",
                "signed_request=AAAA.bm90IGpzb24")) {
            HttpResponse<String> response = form("/api/v1/meta/data-deletion", body);
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).as(body).contains("signed_request");
        }
    }

    @Test
    void aValidDataDeletionClearsTheUsersDataInEveryTenantAndAnswersMetaWithAStatusUrlAndACode() {
        String pageOfB = account(tenantB, keyB, ConnectSteps.PAGE_WITH_INSTAGRAM);
        assertThat(api.post("/api/v1/tenants/" + tenantB + "/accounts/" + pageOfB + "/check", keyB, null).status())
                .isEqualTo(200);

        Response sent = api.post("/sandbox/admin/users/" + user + "/data-deletion", null, null);

        assertThat(sent.body().path("status").asInt()).as(sent.raw().body()).isEqualTo(200);
        assertThat(sent.body().path("accepted_by_meta").asBoolean()).isTrue();
        String code = sent.body().path("body").path("confirmation_code").asString();
        String url = sent.body().path("body").path("url").asString();
        assertThat(code).matches("[0-9A-F]{16}");
        assertThat(url).endsWith("/api/v1/meta/data-deletion/" + code);
        for (String[] tenant : List.of(new String[] {tenantA, keyA}, new String[] {tenantB, keyB})) {
            for (JsonNode account : api.get("/api/v1/tenants/" + tenant[0] + "/accounts", tenant[1]).body()
                    .path("items")) {
                assertThat(account.path("status").asString()).isEqualTo("disconnected");
                assertThat(account.path("username").isNull()).isTrue();
                assertThat(account.path("reason").asString()).contains(code);
            }
            UUID id = UUID.fromString(tenant[0]);
            assertThat(tokens(tenant[0])).isZero();
            assertThat(jdbc.sql("select count(*) from social_accounts where tenant_id = ? and (meta_user_id is not null"
                    + " or platform_username is not null)").param(id).query(Long.class).single()).isZero();
            assertThat(jdbc.sql("select count(*) from token_refresh_history where tenant_id = ?").param(id)
                    .query(Long.class).single()).isZero();
        }
        assertThat(statuses(tenantC, keyC)).containsOnly("active");
        assertThat(tokens(tenantC)).isEqualTo(5);
        JsonNode status = api.get(URI.create(url).getRawPath(), null).body();
        assertThat(status.path("confirmation_code").asString()).isEqualTo(code);
        assertThat(status.path("status").asString()).isEqualTo("completed");
        assertThat(status.path("accounts_cleared").asInt()).isEqualTo(6);
        assertThat(status.path("tokens_deleted").asInt()).isEqualTo(10);
        assertThat(status.path("history_deleted").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(Instant.parse(status.path("completed_at").asString())).isAfterOrEqualTo(
                Instant.parse(status.path("requested_at").asString()));
    }

    @Test
    void aRepeatedDataDeletionAnswersTheSameCode_andTheStatusPageReadsForAPerson() {
        Response first = api.post("/sandbox/admin/users/" + user + "/data-deletion", null, null);
        Response second = api.post("/sandbox/admin/users/" + user + "/data-deletion", null, null);

        String code = first.body().path("body").path("confirmation_code").asString();
        assertThat(second.body().path("body").path("confirmation_code").asString()).isEqualTo(code);
        assertThat(second.body().path("body").path("url").asString())
                .isEqualTo(first.body().path("body").path("url").asString());
        assertThat(jdbc.sql("select accounts_cleared from meta_data_deletions where confirmation_code = ?").param(code)
                .query(Integer.class).single()).as("the second call found nothing left").isEqualTo(6);
        HttpResponse<String> page = get("/api/v1/meta/data-deletion/" + code, "text/html,*/*;q=0.8");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("Your data deletion request").contains(code).contains("completed")
                .doesNotContain(user).doesNotContain("Trattoria");
        assertThat(api.get("/api/v1/meta/data-deletion/0000000000000000", null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/meta/data-deletion/%3Cscript%3E", null).status()).isEqualTo(404);
    }

    @Test
    void aForgedDataDeletionIsRefusedAndDeletesNothing() {
        long recorded = jdbc.sql("select count(*) from meta_data_deletions").query(Long.class).single();
        Response forged = api.post("/sandbox/admin/users/" + user + "/data-deletion", null,
                Map.of("signing_secret", "not-the-app-secret"));

        assertThat(forged.body().path("status").asInt()).isEqualTo(400);
        assertThat(forged.body().path("accepted_by_meta").asBoolean()).isFalse();
        assertThat(forged.body().path("body").path("status_code").asInt()).isEqualTo(400);
        assertThat(statuses(tenantA, keyA)).containsOnly("active");
        assertThat(jdbc.sql("select count(*) from meta_data_deletions").query(Long.class).single()).isEqualTo(recorded);
    }

    private List<String> statuses(String tenant, String key) {
        return api.get("/api/v1/tenants/" + tenant + "/accounts", key).body().path("items").valueStream()
                .map(account -> account.path("status").asString()).toList();
    }

    private long tokens(String tenant) {
        return jdbc.sql("select count(*) from oauth_tokens where tenant_id = ?").param(UUID.fromString(tenant))
                .query(Long.class).single();
    }

    private String account(String tenant, String key, String platformUserId) {
        return api.get("/api/v1/tenants/" + tenant + "/accounts", key).body().path("items").valueStream()
                .filter(a -> a.path("platform_user_id").asString().equals(platformUserId))
                .map(a -> a.path("id").asString()).findFirst().orElseThrow();
    }

    private String scheduledPost(String tenant, String key, String facebookAccount) throws Exception {
        String asset = PostingFixtures.upload(port, tenant, key);
        Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                "targets", List.of(Map.of("account_id", facebookAccount)), "caption", "Truffle week",
                "asset_ids", List.of(asset),
                "scheduled_for", Instant.now().plus(1, ChronoUnit.DAYS).toString()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }

    private HttpResponse<String> form(String path, String body) {
        return exchange(HttpRequest.newBuilder(URI.create(api.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpResponse<String> get(String path, String accept) {
        return exchange(HttpRequest.newBuilder(URI.create(api.baseUrl() + path)).header("Accept", accept).GET());
    }

    private static HttpResponse<String> exchange(HttpRequest.Builder request) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
