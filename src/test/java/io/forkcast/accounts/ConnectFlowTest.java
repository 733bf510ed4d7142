package io.forkcast.accounts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.Browser;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.forkcast.accounts.ConnectSteps.BOTH_PAGES;
import static io.forkcast.accounts.ConnectSteps.PAGE_WITHOUT_INSTAGRAM;
import static io.forkcast.accounts.ConnectSteps.PAGE_WITH_INSTAGRAM;
import static io.forkcast.accounts.ConnectSteps.pathOf;
import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The connect flow over HTTP, against the sandbox, and every bad input the issue lists. */
@ExtendWith(OutputCaptureExtension.class)
class ConnectFlowTest extends SandboxedApiTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    private ApiClient api;
    private ConnectSteps steps;
    private String tenantA;
    private String keyA;
    private String tenantB;
    private String keyB;

    @BeforeEach
    void twoTenants() {
        api = api();
        steps = new ConnectSteps(api);
        tenantA = api.createTenant("Trattoria A " + System.nanoTime(), "pro");
        keyA = api.createKey(tenantA, "read", "write");
        tenantB = api.createTenant("Bistro B " + System.nanoTime(), "pro");
        keyB = api.createKey(tenantB, "read", "write");
    }

    private JsonNode accountsOf(String tenant) {
        return api.get("/api/v1/tenants/" + tenant + "/accounts", OPERATOR_TOKEN).body().get("items");
    }

    private long tokensOf(String tenant) {
        return jdbc.sql("select count(*) from oauth_tokens where tenant_id = ?")
                .param(java.util.UUID.fromString(tenant)).query(Long.class).single();
    }

    @Test
    void ownerConnectsInABrowserAndSeesThePageAndInstagramAccountActive() {
        Browser browser = steps.browser();
        Browser.Page dialog = browser.open(steps.authorizationUrl(tenantA, keyA));
        assertThat(dialog.html()).contains("Trattoria Sandbox", "Continue", "Cancel");

        Browser.Page result = browser.submit(dialog, "approve", BOTH_PAGES);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.uri().getPath()).isEqualTo("/api/v1/oauth/facebook/callback");
        assertThat(result.html()).contains("Connected", "Trattoria Sandbox", "@trattoria.sandbox", tenantA)
                .contains("Trattoria Sandbox Catering has no Instagram").doesNotContain("EAA");
        Response list = api.get("/api/v1/tenants/" + tenantA + "/accounts", keyA);
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.raw().body()).doesNotContain("EAA").doesNotContain("access_token");
        assertThat(list.body().get("items")).hasSize(3).allSatisfy(account -> {
            assertThat(account.get("status").asString()).isEqualTo("active");
            assertThat(account.get("scopes")).isNotEmpty();
        });
        assertThat(list.body().get("items")).extracting(a -> a.get("platform").asString() + ":"
                        + a.get("username").asString())
                .containsExactlyInAnyOrder("facebook:Trattoria Sandbox", "facebook:Trattoria Sandbox Catering",
                        "instagram:trattoria.sandbox");
    }

    @Test
    void noTokenReachesTheLogsDuringAConnect(CapturedOutput output) {
        api.post("/sandbox/admin/faults", null, Map.of("operation", "debug_token", "code", 190, "times", 1));
        steps.connect(tenantA, keyA);
        Response connected = steps.connect(tenantA, keyA);

        assertThat(connected.status()).isEqualTo(200);
        // Every sandbox token starts with EAA (as Meta's do); none may appear in any log line.
        assertThat(output.getAll()).contains("Tenant " + tenantA + " connected 3 account(s)").doesNotContain("EAA");
    }

    @Test
    void clientAskingForJsonGetsJson() {
        Response response = steps.connect(tenantA, keyA);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(response.text("tenant_id")).isEqualTo(tenantA);
        assertThat(response.body().get("accounts")).hasSize(3);
        assertThat(response.body().get("pages_without_instagram").get(0).asString())
                .isEqualTo("Trattoria Sandbox Catering");
        assertThat(response.raw().body()).doesNotContain("EAA");
    }

    @Test
    void tokensAreStoredSealedNeverInClear() {
        steps.connect(tenantA, keyA);

        List<Map<String, Object>> rows = jdbc.sql("select encrypted_token, encryption_iv, key_id from oauth_tokens "
                + "where tenant_id = ?").param(java.util.UUID.fromString(tenantA)).query().listOfRows();
        assertThat(rows).hasSize(5);
        assertThat(rows).allSatisfy(row -> {
            assertThat((String) row.get("encrypted_token")).doesNotStartWith("EAA");
            assertThat(row.get("key_id")).isEqualTo("test-2");
            assertThat(java.util.Base64.getDecoder().decode((String) row.get("encryption_iv"))).hasSize(12);
        });
    }

    @Test
    void reconnectingUpdatesTheAccountsAndNeverDuplicatesThem() {
        steps.connect(tenantA, keyA);
        List<String> first = new ArrayList<>();
        accountsOf(tenantA).forEach(a -> first.add(a.get("id").asString()));

        Response again = steps.connect(tenantA, keyA);

        assertThat(again.status()).isEqualTo(200);
        List<String> second = new ArrayList<>();
        accountsOf(tenantA).forEach(a -> second.add(a.get("id").asString()));
        assertThat(second).containsExactlyInAnyOrderElementsOf(first).hasSize(3);
        assertThat(tokensOf(tenantA)).isEqualTo(5);
    }

    @Test
    void pageTheOwnerDidNotGrantIsNotStored() {
        Response response = api.get(pathOf(steps.consent(tenantA, keyA, "approve", Set.of(PAGE_WITH_INSTAGRAM))), null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(accountsOf(tenantA)).extracting(a -> a.get("platform_user_id").asString())
                .containsExactlyInAnyOrder(PAGE_WITH_INSTAGRAM, ConnectSteps.INSTAGRAM);
    }

    @Test
    void pageWithoutInstagramIsConnectedAloneAndTheResultSaysSo() {
        Browser browser = steps.browser();
        Browser.Page result = browser.submit(browser.open(steps.authorizationUrl(tenantA, keyA)), "approve",
                Set.of(PAGE_WITHOUT_INSTAGRAM));

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.html()).contains("Trattoria Sandbox Catering has no Instagram professional account linked");
        assertThat(accountsOf(tenantA)).hasSize(1);
        assertThat(accountsOf(tenantA).get(0).get("platform").asString()).isEqualTo("facebook");
    }

    @Test
    void noPageGrantedConnectsNothingAndSaysWhat() {
        Browser browser = steps.browser();
        Browser.Page result = browser.submit(browser.open(steps.authorizationUrl(tenantA, keyA)), "approve", Set.of());

        assertThat(result.status()).isEqualTo(400);
        assertThat(result.html()).contains("No Facebook Page was granted");
        assertThat(accountsOf(tenantA)).isEmpty();
    }

    @Test
    void ownerWhoDeniesLandsOnAClearPageAndNothingIsStored() {
        Browser browser = steps.browser();
        Browser.Page result = browser.submit(browser.open(steps.authorizationUrl(tenantA, keyA)), "deny", BOTH_PAGES);

        assertThat(result.uri().getQuery()).contains("error=access_denied", "error_reason=user_denied", "state=");
        assertThat(result.status()).isEqualTo(400);
        assertThat(result.html()).contains("Nothing connected", "you chose not to grant access")
                .doesNotContain("Exception");
        assertThat(accountsOf(tenantA)).isEmpty();
    }

    @Test
    void connectionsAreCountedPerPlatformAndResult() {
        double facebook = connections("facebook", "connected");
        double instagram = connections("instagram", "connected");
        double refused = connections("facebook", "refused");
        double error = connections("facebook", "error");

        assertThat(steps.connect(tenantA, keyA).status()).isEqualTo(200);
        steps.browser().submit(steps.browser().open(steps.authorizationUrl(tenantB, keyB)), "deny", BOTH_PAGES);
        URI callback = steps.consent(tenantB, keyB, "approve", BOTH_PAGES);
        api.post("/sandbox/admin/faults", null, Map.of("operation", "page", "code", 2, "times", 1));
        assertThat(api.get(pathOf(callback), null).status()).isEqualTo(502);

        assertThat(connections("facebook", "connected")).isEqualTo(facebook + 2);
        assertThat(connections("instagram", "connected")).isEqualTo(instagram + 1);
        assertThat(connections("facebook", "refused")).isEqualTo(refused + 1);
        assertThat(connections("facebook", "error")).isEqualTo(error + 1);
    }

    private double connections(String platform, String result) {
        return meters.get("forkcast.oauth.connections").tag("platform", platform).tag("result", result).counter().count();
    }

    @Test
    void callbackWithoutStateIsRefused() {
        Response response = api.get("/api/v1/oauth/facebook/callback?code=abc", null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("detail")).contains("no state");
    }

    @Test
    void unknownStateIsRefusedAndNothingIsStored() {
        URI callback = steps.consent(tenantA, keyA, "approve", BOTH_PAGES);
        String forged = UriComponentsBuilder.fromUri(callback).replaceQueryParam("state", "forged-state").build()
                .toUri().getRawQuery();

        Response response = api.get(callback.getRawPath() + "?" + forged, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("detail")).contains("unknown or has already been used");
        assertThat(accountsOf(tenantA)).isEmpty();
    }

    @Test
    void expiredStateIsRefusedAndNothingIsStored() {
        URI callback = steps.consent(tenantA, keyA, "approve", BOTH_PAGES);
        CLOCK.advance(Duration.ofMinutes(11));

        Response response = api.get(pathOf(callback), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("detail")).contains("expired");
        assertThat(accountsOf(tenantA)).isEmpty();
    }

    @Test
    void reusedStateIsRefused() {
        URI callback = steps.consent(tenantA, keyA, "approve", BOTH_PAGES);
        assertThat(api.get(pathOf(callback), null).status()).isEqualTo(200);

        Response again = api.get(pathOf(callback), null);

        assertThat(again.status()).isEqualTo(400);
        assertThat(again.text("detail")).contains("already been used");
    }

    @Test
    void twoRacingCallbacksConsumeTheStateExactlyOnce() throws Exception {
        URI callback = steps.consent(tenantA, keyA, "approve", BOTH_PAGES);
        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                Callable<Integer> call = () -> {
                    start.await();
                    return api.get(pathOf(callback), null).status();
                };
                results.add(pool.submit(call));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }

            assertThat(statuses).containsOnlyOnce(200);
            assertThat(statuses.stream().filter(status -> status == 400)).hasSize(racers - 1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(accountsOf(tenantA)).hasSize(3);
        assertThat(tokensOf(tenantA)).isEqualTo(5);
    }

    @Test
    void stateOfTenantACompletedWhileTenantBIsLoggedInConnectsTenantA() {
        URI callback = steps.consent(tenantA, keyA, "approve", BOTH_PAGES);

        Response response = api.get(pathOf(callback), keyB);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("tenant_id")).isEqualTo(tenantA);
        assertThat(accountsOf(tenantA)).hasSize(3);
        assertThat(accountsOf(tenantB)).isEmpty();
    }

    @Test
    void codeRejectedByMetaIsAClearErrorAndNothingIsStored() {
        URI callback = steps.consent(tenantA, keyA, "approve", BOTH_PAGES);
        String tampered = UriComponentsBuilder.fromUri(callback).replaceQueryParam("code", "AQforged").build()
                .toUri().getRawQuery();

        Response response = api.get(callback.getRawPath() + "?" + tampered, null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("detail")).contains("Facebook rejected the authorization code", "Nothing was stored");
        assertThat(accountsOf(tenantA)).isEmpty();
    }

    @Test
    void graphDownDuringTheCallbackStoresNothingAndConnectingAgainWorks() {
        URI callback = steps.consent(tenantA, keyA, "approve", BOTH_PAGES);
        api.post("/sandbox/admin/faults", null, Map.of("operation", "page", "code", 2, "times", 1));

        Response response = api.get(pathOf(callback), null);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.text("detail")).contains("nothing was stored", "start connecting again");
        assertThat(accountsOf(tenantA)).isEmpty();
        assertThat(tokensOf(tenantA)).isZero();
        assertThat(steps.connect(tenantA, keyA).status()).isEqualTo(200);
        assertThat(accountsOf(tenantA)).hasSize(3);
    }

    @Test
    void graphTimingOutDuringTheCallbackStoresNothing() {
        URI callback = steps.consent(tenantA, keyA, "approve", BOTH_PAGES);
        api.post("/sandbox/admin/faults", null, Map.of("operation", "me/accounts", "latency_ms", 3000));

        Response response = api.get(pathOf(callback), null);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.text("detail")).contains("did not answer in time", "nothing was stored");
        assertThat(accountsOf(tenantA)).isEmpty();
    }

    @Test
    void authorizeForAnotherTenantIsForbidden() {
        Response response = api.get("/api/v1/oauth/facebook/authorize?tenant_id=" + tenantB, keyA);

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.raw().body()).doesNotContain("authorization_url");
    }

    @Test
    void operatorMayAuthorizeAnyTenant() {
        Response response = api.get("/api/v1/oauth/facebook/authorize?tenant_id=" + tenantB, OPERATOR_TOKEN);

        assertThat(response.status()).isEqualTo(200);
        URI url = URI.create(response.text("authorization_url"));
        assertThat(url.getPath()).isEqualTo("/sandbox/www/v26.0/dialog/oauth");
        assertThat(url.getQuery()).contains("redirect_uri=http://localhost:" + port + "/api/v1/oauth/facebook/callback");
        assertThat(response.text("expires_at")).isNotNull();
    }

    @Test
    void authorizeNeedsAnApiKey() {
        assertThat(api.get("/api/v1/oauth/facebook/authorize?tenant_id=" + tenantA, null).status()).isEqualTo(401);
    }

    @Test
    void authorizeWithoutOrWithAMalformedTenantIdIsABadRequest() {
        assertThat(api.get("/api/v1/oauth/facebook/authorize", keyA).status()).isEqualTo(400);
        assertThat(api.get("/api/v1/oauth/facebook/authorize?tenant_id=nope", keyA).status()).isEqualTo(400);
    }

    @Test
    void authorizeForAnUnknownTenantIsNotFound() {
        assertThat(api.get("/api/v1/oauth/facebook/authorize?tenant_id=" + java.util.UUID.randomUUID(), OPERATOR_TOKEN)
                .status()).isEqualTo(404);
    }
}
