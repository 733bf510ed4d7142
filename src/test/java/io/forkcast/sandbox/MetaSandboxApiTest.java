package io.forkcast.sandbox;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.Browser;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.web.util.UriComponentsBuilder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox speaks Meta's paths, parameters, JSON and error codes. */
class MetaSandboxApiTest extends SandboxedApiTest {

    private static final String APP = "100000000000042";
    private static final String SECRET = "sandbox-app-secret";
    private static final String REDIRECT = "https://app.example.com/callback";

    private String code(String redirect) {
        Browser browser = new Browser();
        URI dialog = URI.create("http://localhost:" + port + "/sandbox/www/v26.0/dialog/oauth?client_id=" + APP
                + "&redirect_uri=" + redirect + "&state=xyz&scope=pages_show_list,instagram_basic");
        URI back = browser.submitAndStop(browser.open(dialog), "approve", Set.of("200000000000001"));
        assertThat(back.toString()).startsWith(redirect).contains("state=xyz");
        return UriComponentsBuilder.fromUri(back).build().getQueryParams().getFirst("code");
    }

    private Response exchange(String code, String redirect, String secret) {
        return api().get("/sandbox/graph/v26.0/oauth/access_token?client_id=" + APP + "&client_secret=" + secret
                + "&redirect_uri=" + redirect + "&code=" + code, null);
    }

    private static void assertGraphError(Response response, int code, Integer subcode) {
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("error").get("code").asInt()).isEqualTo(code);
        assertThat(response.body().get("error").get("type").asString()).isNotBlank();
        assertThat(response.body().get("error").get("fbtrace_id").asString()).isNotBlank();
        if (subcode != null) {
            assertThat(response.body().get("error").get("error_subcode").asInt()).isEqualTo(subcode);
        }
    }

    @Test
    void codeExchangesOnceForABearerToken() {
        String code = code(REDIRECT);

        Response first = exchange(code, REDIRECT, SECRET);
        Response second = exchange(code, REDIRECT, SECRET);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.text("token_type")).isEqualTo("bearer");
        assertThat(first.body().get("expires_in").asLong()).isEqualTo(7200);
        assertThat(first.header("X-App-Usage")).contains("call_count");
        assertGraphError(second, 100, 36009);
    }

    @Test
    void codeExpiresAfterTenMinutes() {
        String code = code(REDIRECT);
        CLOCK.advance(Duration.ofMinutes(10).plusSeconds(1));

        assertGraphError(exchange(code, REDIRECT, SECRET), 100, 36007);
    }

    @Test
    void redirectUriMustMatchExactly() {
        String code = code(REDIRECT);

        assertGraphError(exchange(code, REDIRECT + "/", SECRET), 100, 36008);
        assertThat(exchange(code, REDIRECT, SECRET).status()).as("a mismatch does not use the code up").isEqualTo(200);
    }

    @Test
    void wrongClientSecretIsRefused() {
        assertGraphError(exchange(code(REDIRECT), REDIRECT, "not-the-secret"), 1, null);
    }

    @Test
    void dialogForAnUnknownAppIsAnErrorPage() {
        Browser.Page page = new Browser().open(URI.create("http://localhost:" + port
                + "/sandbox/www/v26.0/dialog/oauth?client_id=42&redirect_uri=" + REDIRECT + "&state=s"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.html()).contains("Invalid App ID");
    }

    @Test
    void pagesComeInCursorPages() throws Exception {
        String token = exchange(code(REDIRECT), REDIRECT, SECRET).text("access_token");
        token = api().post("/sandbox/admin/tokens", null, Map.of("user_id", "10000000000001")).text("access_token");
        String proof = proof(token);

        Response first = api().get("/sandbox/graph/v26.0/me/accounts?limit=1&access_token=" + token
                + "&appsecret_proof=" + proof, null);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.body().get("data")).hasSize(1);
        assertThat(first.body().get("data").get(0).get("access_token").asString()).startsWith("EAA");
        assertThat(first.body().get("paging").get("next").asString()).contains("after=");
        String after = first.body().get("paging").get("cursors").get("after").asString();
        Response second = api().get("/sandbox/graph/v26.0/me/accounts?limit=1&after=" + after + "&access_token="
                + token + "&appsecret_proof=" + proof, null);
        assertThat(second.body().get("data").get(0).get("name").asString()).isEqualTo("Trattoria Sandbox Catering");
        assertThat(second.body().get("paging").has("next")).isFalse();
    }

    @Test
    void callsWithoutOrWithAWrongAppsecretProofAreRefused() throws Exception {
        String token = api().post("/sandbox/admin/tokens", null, Map.of("user_id", "10000000000001")).text("access_token");

        assertGraphError(api().get("/sandbox/graph/v26.0/me/accounts?access_token=" + token, null), 100, null);
        assertGraphError(api().get("/sandbox/graph/v26.0/me/accounts?access_token=" + token + "&appsecret_proof="
                + proof("another-token"), null), 100, null);
    }

    @Test
    void unknownTokenIs190() {
        assertGraphError(api().get("/sandbox/graph/v26.0/me/accounts?access_token=EAAnothing&appsecret_proof=00", null),
                190, null);
    }

    @Test
    void debugTokenReportsGranularScopes() throws Exception {
        String token = exchange(code(REDIRECT), REDIRECT, SECRET).text("access_token");

        Response debug = api().get("/sandbox/graph/v26.0/debug_token?input_token=" + token + "&access_token=" + APP
                + "%7C" + SECRET, null);

        assertThat(debug.status()).isEqualTo(200);
        var data = debug.body().get("data");
        assertThat(data.get("is_valid").asBoolean()).isTrue();
        assertThat(data.get("type").asString()).isEqualTo("USER");
        assertThat(data.get("app_id").asString()).isEqualTo(APP);
        assertThat(data.get("granular_scopes").toString()).contains("\"target_ids\":[\"200000000000001\"]");
    }

    @Test
    void debugTokenNeedsTheAppToken() {
        assertGraphError(api().get("/sandbox/graph/v26.0/debug_token?input_token=x&access_token=" + APP + "%7Cwrong",
                null), 190, null);
    }

    @Test
    void unknownPageIsCode100() throws Exception {
        String token = api().post("/sandbox/admin/tokens", null, Map.of("user_id", "10000000000001")).text("access_token");

        assertGraphError(api().get("/sandbox/graph/v26.0/123?fields=instagram_business_account%7Bid,username%7D"
                + "&access_token=" + token + "&appsecret_proof=" + proof(token), null), 100, 33);
    }

    @Test
    void adminCallForAnUnknownUserIsNotFound() {
        assertThat(api().post("/sandbox/admin/users/42/password-change", null, null).status()).isEqualTo(404);
    }

    @Test
    void rateLimitFaultAnswersWithUsageHeaders() throws Exception {
        String token = api().post("/sandbox/admin/tokens", null, Map.of("user_id", "10000000000001")).text("access_token");
        ApiClient api = api();
        api.post("/sandbox/admin/faults", null, Map.of("operation", "me/accounts", "code", 4, "usage_percent", 100));

        Response limited = api.get("/sandbox/graph/v26.0/me/accounts?access_token=" + token + "&appsecret_proof="
                + proof(token), null);

        assertGraphError(limited, 4, null);
        assertThat(limited.header("X-App-Usage")).contains("\"call_count\":100");
    }

    private static String proof(String token) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    }
}
