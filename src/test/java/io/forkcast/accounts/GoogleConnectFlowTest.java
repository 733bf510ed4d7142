package io.forkcast.accounts;

import io.forkcast.google.GoogleClient;
import io.forkcast.google.GoogleError;
import io.forkcast.shared.DomainException;
import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.Browser;
import io.forkcast.support.SandboxedApiTest;
import io.forkcast.tenancy.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.forkcast.accounts.GoogleConnectSteps.CATERING;
import static io.forkcast.accounts.GoogleConnectSteps.LOCATION;
import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Connecting Google Business Profile locations over HTTP, against the Google sandbox, and what can go wrong. */
@ExtendWith(OutputCaptureExtension.class)
class GoogleConnectFlowTest extends SandboxedApiTest {

    @Autowired
    JdbcClient jdbc;

    @Autowired
    AccessTokens accessTokens;

    @Autowired
    GoogleClient google;

    private ApiClient api;
    private GoogleConnectSteps steps;
    private String tenantA;
    private String keyA;
    private String tenantB;
    private String keyB;

    @BeforeEach
    void twoTenants() {
        api = api();
        steps = new GoogleConnectSteps(api);
        steps.resetSandbox();
        tenantA = api.createTenant("Trattoria A " + System.nanoTime(), "pro");
        keyA = api.createKey(tenantA, "read", "write");
        tenantB = api.createTenant("Bistro B " + System.nanoTime(), "pro");
        keyB = api.createKey(tenantB, "read", "write");
    }

    private List<JsonNode> googleAccountsOf(String tenant) {
        List<JsonNode> found = new ArrayList<>();
        api.get("/api/v1/tenants/" + tenant + "/accounts", OPERATOR_TOKEN).body().get("items").forEach(item -> {
            if ("google_business".equals(item.get("platform").asString())) {
                found.add(item);
            }
        });
        return found;
    }

    private int activeGrants() {
        return api.get("/sandbox/google/admin/grants", null).body().get("active").asInt();
    }

    @Test
    void theConsentLinkAsksForOfflineAccessWithAnS256ChallengeAndNoVerifier() {
        URI link = steps.authorizationUrl(tenantA, keyA);
        Map<String, List<String>> query = UriComponentsBuilder.fromUri(link).build().getQueryParams();
        assertThat(link.getPath()).isEqualTo("/sandbox/google/accounts/o/oauth2/v2/auth");
        assertThat(query.get("code_challenge_method")).containsExactly("S256");
        assertThat(query.get("code_challenge").getFirst()).matches("[A-Za-z0-9_-]{43}");
        assertThat(query.get("access_type")).containsExactly("offline");
        assertThat(query.get("response_type")).containsExactly("code");
        assertThat(link.toString()).doesNotContain("code_verifier");
        String state = query.get("state").getFirst();
        String verifier = jdbc.sql("select code_verifier from oauth_state where state = ?").param(state)
                .query(String.class).single();
        assertThat(GoogleClient.codeChallenge(verifier)).isEqualTo(query.get("code_challenge").getFirst());
    }

    @Test
    void ownerConnectsInABrowserAndSeesBothLocationsActive() {
        Browser browser = steps.browser();
        Browser.Page consent = browser.open(steps.authorizationUrl(tenantA, keyA));
        assertThat(consent.html()).contains("Trattoria Sandbox", "Trattoria Sandbox Catering", "Continue", "Cancel");

        Browser.Page result = browser.submit(consent, "approve", java.util.Set.of());

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.uri().getPath()).isEqualTo("/api/v1/oauth/google/callback");
        assertThat(result.html()).contains("Connected", "Google listing Trattoria Sandbox: active",
                "Google listing Trattoria Sandbox Catering: active");
        List<JsonNode> accounts = googleAccountsOf(tenantA);
        assertThat(accounts).extracting(a -> a.get("platform_user_id").asString())
                .containsExactlyInAnyOrder(LOCATION, CATERING);
        assertThat(accounts).allSatisfy(account -> {
            assertThat(account.get("status").asString()).isEqualTo("active");
            assertThat(account.get("type").asString()).isEqualTo("location");
            assertThat(account.get("scopes").toString()).contains("https://www.googleapis.com/auth/business.manage");
            assertThat(account.get("token_expires_at").isNull()).as("a refresh token does not expire").isTrue();
            assertThat(account.toString()).doesNotContain("ya29.", "1//0");
        });
        assertThat(googleAccountsOf(tenantB)).isEmpty();
        List<String> stored = jdbc.sql("select encrypted_token from oauth_tokens where tenant_id = ?")
                .param(UUID.fromString(tenantA)).query(String.class).list();
        assertThat(stored).hasSize(4).allSatisfy(sealed -> assertThat(sealed).doesNotContain("ya29.", "1//0"));
    }

    @Test
    void theStateWorksOnceAndOnlyOnGooglesCallback() {
        URI callback = steps.consent(tenantA, keyA, "approve");
        String query = callback.getRawQuery();

        Response onFacebook = api.get("/api/v1/oauth/facebook/callback?" + query, null);
        assertThat(onFacebook.status()).isEqualTo(400);
        assertThat(onFacebook.text("detail")).contains("unknown or has already been used");

        Response first = api.get("/api/v1/oauth/google/callback?" + query, null);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.body().get("accounts")).hasSize(2);

        Response again = api.get("/api/v1/oauth/google/callback?" + query, null);
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.text("detail")).contains("unknown or has already been used");
        assertThat(googleAccountsOf(tenantA)).hasSize(2);
    }

    @Test
    void cancellingOnGooglesPageConnectsNothingAndSaysHowToStartAgain() {
        URI callback = steps.consent(tenantA, keyA, "deny");
        assertThat(callback.getQuery()).contains("error=access_denied");

        Response response = api.get(ConnectSteps.pathOf(callback), null);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.text("detail")).contains("you chose Cancel on Google's page", "Continue");
        assertThat(googleAccountsOf(tenantA)).isEmpty();
    }

    @Test
    void googleFailingDuringTheCallbackStoresNothingAndAnswers502() {
        URI callback = steps.consent(tenantA, keyA, "approve");
        api.post("/sandbox/google/admin/faults", null, Map.of("operation", "locations/list", "http_status", 503));

        Response response = api.get(ConnectSteps.pathOf(callback), null);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.text("detail")).contains("Google answered with an error (503 UNAVAILABLE)",
                "nothing was stored");
        assertThat(googleAccountsOf(tenantA)).isEmpty();
        assertThat(jdbc.sql("select count(*) from oauth_tokens where tenant_id = ?").param(UUID.fromString(tenantA))
                .query(Long.class).single()).isZero();
    }

    @Test
    void reconnectingUpdatesTheSameLocationsInsteadOfDuplicatingThem() {
        assertThat(steps.connect(tenantA, keyA).status()).isEqualTo(200);
        assertThat(steps.connect(tenantA, keyA).status()).isEqualTo(200);

        assertThat(googleAccountsOf(tenantA)).hasSize(2);
    }

    @Test
    void anExpiringAccessTokenIsRefreshedBeforeUseAndTheFreshOneWorks() {
        steps.connect(tenantA, keyA);
        AccountId location = accountId(LOCATION);
        AccessTokens.PublishingToken first = accessTokens.forPublishing(new TenantId(UUID.fromString(tenantA)),
                location);
        assertThat(first.platformUserId()).isEqualTo(GoogleConnectSteps.ACCOUNT + "/" + LOCATION);
        assertThat(accessTokens.forPublishing(new TenantId(UUID.fromString(tenantA)), location).accessToken())
                .as("still fresh: the stored token").isEqualTo(first.accessToken());

        CLOCK.advance(Duration.ofMinutes(56)); // within five minutes of the hour's end
        AccessTokens.PublishingToken refreshed = accessTokens.forPublishing(new TenantId(UUID.fromString(tenantA)),
                location);

        assertThat(refreshed.accessToken()).isNotEqualTo(first.accessToken());
        assertThat(google.localPosts(refreshed.accessToken(), refreshed.platformUserId())).isEmpty();
        CLOCK.advance(Duration.ofMinutes(5));
        assertThatThrownBy(() -> google.localPosts(first.accessToken(), first.platformUserId()))
                .isInstanceOfSatisfying(GoogleError.class, e -> {
                    assertThat(e.kind()).isEqualTo(GoogleError.Kind.UNAUTHENTICATED);
                    assertThat(e.httpStatus()).isEqualTo(401);
                });
    }

    @Test
    void aRevokedGrantMarksEveryLocationNeedsReconnectWithAReasonTheOwnerCanActOn(CapturedOutput output) {
        steps.connect(tenantA, keyA);
        api.post("/sandbox/google/admin/grants/revoke", null, null);
        AccountId location = accountId(LOCATION);

        Response check = api.post("/api/v1/tenants/" + tenantA + "/accounts/" + location.value() + "/check", keyA,
                null);

        assertThat(check.status()).as(check.raw().body()).isEqualTo(200);
        assertThat(googleAccountsOf(tenantA)).hasSize(2).allSatisfy(account -> {
            assertThat(account.get("status").asString()).isEqualTo("needs_reconnect");
            assertThat(account.get("reason").asString()).contains("Connect Google again");
        });
        assertThat(jdbc.sql("select outcome, error_code from token_refresh_history where tenant_id = ?")
                .param(UUID.fromString(tenantA)).query((rs, n) -> rs.getString(1) + "/" + rs.getString(2)).list())
                .contains("invalid/invalid_grant");
        assertThatThrownBy(() -> accessTokens.forPublishing(new TenantId(UUID.fromString(tenantA)), location))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.getMessage()).contains("needs reconnect", "Connect Google again"));
        assertThat(output.getAll()).doesNotContain("ya29.", "1//0");
    }

    @Test
    void theDailyCheckRefreshesEveryGoogleLocation() {
        steps.connect(tenantA, keyA);

        Response check = api.post("/api/v1/tenants/" + tenantA + "/accounts/" + accountId(CATERING).value()
                + "/check", keyA, null);

        assertThat(check.status()).as(check.raw().body()).isEqualTo(200);
        assertThat(jdbc.sql("select outcome from token_refresh_history where tenant_id = ?")
                .param(UUID.fromString(tenantA)).query(String.class).list()).containsExactly("refreshed");
        assertThat(googleAccountsOf(tenantA)).allSatisfy(a -> assertThat(a.get("status").asString()).isEqualTo("active"));
    }

    @Test
    void disconnectingTheLastLocationOfAGrantRevokesItAtGoogle() {
        steps.connect(tenantA, keyA);
        assertThat(activeGrants()).isEqualTo(1);

        Response first = api.delete("/api/v1/tenants/" + tenantA + "/accounts/" + accountId(LOCATION).value(), keyA);
        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(activeGrants()).as("the catering location still uses the grant").isEqualTo(1);

        api.delete("/api/v1/tenants/" + tenantA + "/accounts/" + accountId(CATERING).value(), keyA);
        assertThat(activeGrants()).isZero();
        assertThat(googleAccountsOf(tenantA)).allSatisfy(
                a -> assertThat(a.get("status").asString()).isEqualTo("disconnected"));
    }

    @Test
    void anotherTenantCanNeitherAskForTheLinkNorSeeTheLocations() {
        steps.connect(tenantA, keyA);

        Response link = api.get("/api/v1/oauth/google/authorize?tenant_id=" + tenantA, keyB);
        assertThat(link.status()).isEqualTo(403);
        assertThat(link.text("detail")).contains("another tenant");

        UUID location = accountId(LOCATION).value();
        assertThat(api.get("/api/v1/tenants/" + tenantA + "/accounts/" + location, keyB).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/tenants/" + tenantB + "/accounts/" + location, keyB).status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/tenants/" + tenantB + "/accounts/" + location, keyB).status()).isEqualTo(404);
        assertThat(googleAccountsOf(tenantA)).allSatisfy(
                a -> assertThat(a.get("status").asString()).isEqualTo("active"));
    }

    private AccountId accountId(String location) {
        return new AccountId(googleAccountsOf(tenantA).stream()
                .filter(a -> a.get("platform_user_id").asString().equals(location))
                .map(a -> UUID.fromString(a.get("id").asString())).findFirst().orElseThrow());
    }
}
