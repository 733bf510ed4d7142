package io.forkcast.accounts;

import io.forkcast.shared.Platform;
import io.forkcast.meta.GraphClient;
import io.forkcast.shared.DomainException;
import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.SandboxedApiTest;
import io.forkcast.tenancy.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import java.util.UUID;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The accounts API: list, get, disconnect, check; tenants apart; never a token. */
class AccountsApiTest extends SandboxedApiTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    GraphClient graph;

    private ApiClient api;
    private String tenantA;
    private String keyA;
    private String tenantB;
    private String keyB;

    @BeforeEach
    void connectedTenantAndAnother() {
        api = api();
        tenantA = api.createTenant("Trattoria A " + System.nanoTime(), "pro");
        keyA = api.createKey(tenantA, "read", "write");
        tenantB = api.createTenant("Bistro B " + System.nanoTime(), "pro");
        keyB = api.createKey(tenantB, "read", "write");
        assertThat(new ConnectSteps(api).connect(tenantA, keyA).status()).isEqualTo(200);
    }

    private String accountOfA(String platformUserId) {
        for (JsonNode account : api.get("/api/v1/tenants/" + tenantA + "/accounts", keyA).body().get("items")) {
            if (account.get("platform_user_id").asString().equals(platformUserId)) {
                return account.get("id").asString();
            }
        }
        throw new AssertionError("no account " + platformUserId);
    }

    @Test
    void listShowsPlatformUsernameTypeStatusExpiryAndScopesButNoToken() {
        Response response = api.get("/api/v1/tenants/" + tenantA + "/accounts", keyA);

        assertThat(response.status()).isEqualTo(200);
        JsonNode instagram = response.body().get("items").valueStream()
                .filter(a -> a.get("platform").asString().equals("instagram")).findFirst().orElseThrow();
        assertThat(instagram.get("username").asString()).isEqualTo("trattoria.sandbox");
        assertThat(instagram.get("type").asString()).isEqualTo("business");
        assertThat(instagram.get("status").asString()).isEqualTo("active");
        assertThat(instagram.get("parent_account_id").asString()).isEqualTo(accountOfA(ConnectSteps.PAGE_WITH_INSTAGRAM));
        assertThat(instagram.get("scopes").toString()).contains("instagram_content_publish");
        assertThat(instagram.has("token_expires_at")).isTrue();
        assertThat(instagram.get("data_access_expires_at").isNull()).isFalse();
        assertThat(response.raw().body()).doesNotContain("EAA").doesNotContain("encrypted");
    }

    @Test
    void listIsPagedByCursor() {
        Response first = api.get("/api/v1/tenants/" + tenantA + "/accounts?limit=2", keyA);
        Response second = api.get("/api/v1/tenants/" + tenantA + "/accounts?limit=2&cursor=" + first.text("next_cursor"),
                keyA);

        assertThat(first.body().get("items")).hasSize(2);
        assertThat(second.body().get("items")).hasSize(1);
        assertThat(second.text("next_cursor")).isNull();
    }

    @Test
    void getShowsOneAccount() {
        String page = accountOfA(ConnectSteps.PAGE_WITH_INSTAGRAM);

        Response response = api.get("/api/v1/tenants/" + tenantA + "/accounts/" + page, keyA);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("username")).isEqualTo("Trattoria Sandbox");
        assertThat(response.text("type")).isEqualTo("page");
        assertThat(response.raw().body()).doesNotContain("EAA");
    }

    @Test
    void disconnectDestroysTheTokensAndKeepsTheHistory() {
        String page = accountOfA(ConnectSteps.PAGE_WITH_INSTAGRAM);
        assertThat(api.post("/api/v1/tenants/" + tenantA + "/accounts/" + page + "/check", keyA, null).status())
                .isEqualTo(200);

        Response response = api.delete("/api/v1/tenants/" + tenantA + "/accounts/" + page, keyA);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("status")).isEqualTo("disconnected");
        assertThat(response.text("reason")).contains("Disconnected");
        UUID accountId = UUID.fromString(page);
        assertThat(jdbc.sql("select count(*) from oauth_tokens where account_id = ?").param(accountId)
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("select count(*) from token_refresh_history where account_id = ?").param(accountId)
                .query(Long.class).single()).isEqualTo(2);
        assertThat(api.get("/api/v1/tenants/" + tenantA + "/accounts/" + page, keyA).text("status"))
                .isEqualTo("disconnected");
        assertThatThrownBy(() -> accessTokens.forPublishing(new TenantId(UUID.fromString(tenantA)),
                new AccountId(accountId))).isInstanceOf(DomainException.class).hasMessageContaining("disconnected");
        assertThat(api.post("/api/v1/tenants/" + tenantA + "/accounts/" + page + "/check", keyA, null).status())
                .isEqualTo(409);
    }

    @Test
    void reconnectingADisconnectedAccountMakesItActiveAgain() {
        String page = accountOfA(ConnectSteps.PAGE_WITH_INSTAGRAM);
        api.delete("/api/v1/tenants/" + tenantA + "/accounts/" + page, keyA);

        new ConnectSteps(api).connect(tenantA, keyA);

        assertThat(api.get("/api/v1/tenants/" + tenantA + "/accounts/" + page, keyA).text("status")).isEqualTo("active");
    }

    @Test
    void readOnlyKeyCannotDisconnect() {
        String readOnly = api.createKey(tenantA, "read");
        String page = accountOfA(ConnectSteps.PAGE_WITH_INSTAGRAM);

        assertThat(api.delete("/api/v1/tenants/" + tenantA + "/accounts/" + page, readOnly).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/tenants/" + tenantA + "/accounts/" + page, readOnly).text("status"))
                .isEqualTo("active");
    }

    @Test
    void keyOfAnotherTenantIsForbiddenOnEveryEndpoint() {
        String page = accountOfA(ConnectSteps.PAGE_WITH_INSTAGRAM);
        String base = "/api/v1/tenants/" + tenantA + "/accounts";

        assertThat(api.get(base, keyB).status()).isEqualTo(403);
        assertThat(api.get(base + "/" + page, keyB).status()).isEqualTo(403);
        assertThat(api.delete(base + "/" + page, keyB).status()).isEqualTo(403);
        assertThat(api.post(base + "/" + page + "/check", keyB, null).status()).isEqualTo(403);
        assertThat(api.get(base + "/" + page, keyA).text("status")).isEqualTo("active");
    }

    @Test
    void accountOfAnotherTenantIsNotFoundOnEveryEndpoint() {
        String page = accountOfA(ConnectSteps.PAGE_WITH_INSTAGRAM);
        String base = "/api/v1/tenants/" + tenantB + "/accounts/" + page;

        assertThat(api.get(base, keyB).status()).isEqualTo(404);
        assertThat(api.delete(base, keyB).status()).isEqualTo(404);
        assertThat(api.post(base + "/check", keyB, null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/tenants/" + tenantB + "/accounts", keyB).body().get("items")).isEmpty();
        assertThat(api.get("/api/v1/tenants/" + tenantA + "/accounts/" + page, OPERATOR_TOKEN).text("status"))
                .isEqualTo("active");
    }

    @Test
    void unknownAccountIsNotFound() {
        assertThat(api.get("/api/v1/tenants/" + tenantA + "/accounts/" + UUID.randomUUID(), keyA).status())
                .isEqualTo(404);
    }

    @Test
    void publishingTokenIsThePageTokenAndWorksOnGraph() {
        String page = accountOfA(ConnectSteps.PAGE_WITH_INSTAGRAM);

        AccessTokens.PublishingToken token = accessTokens.forPublishing(new TenantId(UUID.fromString(tenantA)),
                new AccountId(UUID.fromString(page)));

        assertThat(token.platform()).isEqualTo(Platform.FACEBOOK);
        assertThat(token.platformUserId()).isEqualTo(ConnectSteps.PAGE_WITH_INSTAGRAM);
        assertThat(token.toString()).doesNotContain(token.accessToken());
        assertThat(graph.instagramAccount(token.platformUserId(), token.accessToken())).isPresent();
    }

    @Test
    void publishingTokenOfAnotherTenantsAccountIsNotFound() {
        String page = accountOfA(ConnectSteps.PAGE_WITH_INSTAGRAM);

        assertThatThrownBy(() -> accessTokens.forPublishing(new TenantId(UUID.fromString(tenantB)),
                new AccountId(UUID.fromString(page)))).isInstanceOf(DomainException.class).hasMessageContaining("not found");
    }
}
