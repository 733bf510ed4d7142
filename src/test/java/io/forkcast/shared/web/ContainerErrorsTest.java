package io.forkcast.shared.web;

import io.forkcast.support.ApiClient;
import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.support.RawHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the container refuses, and what a client gets wrong in the shape of its values, is answered as a problem
 * with a request id, and never logged as an error with a stack trace (anyone could fill the log with it).
 */
@ExtendWith(OutputCaptureExtension.class)
class ContainerErrorsTest extends EmbeddedApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String OPERATOR = "Authorization: Bearer " + ApiClient.OPERATOR_TOKEN;

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/tenants?cursor=%%%garbage", "/actuator/health?x=%", "/api/v1/tenants?name=%C3%28",
            "/api/v1/tenants?limit=%4"})
    void aBrokenEscapeInTheQueryIsA400Problem(String target, CapturedOutput output) {
        RawHttp.Response response = RawHttp.exchange(port, "GET " + target + " HTTP/1.1\r\nHost: localhost\r\n" + OPERATOR);

        assertProblem(response, 400);
        assertThat(response.body()).contains("malformed percent-escape");
        assertNothingLoggedAsAnError(output);
    }

    /** Tomcat itself answers 400 when a filter (the CSRF check) reads such a form; the error page makes it a problem. */
    @ParameterizedTest
    @ValueSource(strings = {"email=%&password=x", "email=%C3%28&password=x"})
    void aFormWithABrokenEscapeIsA400Problem(String form, CapturedOutput output) {
        RawHttp.Response response = RawHttp.exchange(port, "POST /app/sign-in HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length(), form);

        assertProblem(response, 400);
        assertNothingLoggedAsAnError(output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/tenants/..%2F..%2Fetc/posts", "/api/v1/tenants/a%00b", "/api/v1/tenants/%E2%28",
            "//api/v1/tenants", "/api/v1/tenants;jsessionid=x", "/api/v1/tenants/%2e%2e/etc"})
    void aPathTheContainerOrTheFirewallRefusesIsA400Problem(String path, CapturedOutput output) {
        RawHttp.Response response = RawHttp.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + OPERATOR);

        assertProblem(response, 400);
        assertThat(response.body()).doesNotContain("<html");
        assertNothingLoggedAsAnError(output);
    }

    /** The firewall's refusal goes through the error page: the problem still carries the id and the path asked for. */
    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/tenants/%25/folders", "/api/v1/tenants/a%3Bb/folders", "/api/v1/tenants/./folders"})
    void aPathTheFirewallRefusesKeepsTheRequestIdAndThePathAsked(String path) {
        RawHttp.Response response = RawHttp.exchange(port, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n" + OPERATOR);

        assertProblem(response, 400);
        assertThat(JSON.readTree(response.body()).path("instance").asString()).isEqualTo(path);
    }

    @Test
    void oversizeHeadersAreA431Problem(CapturedOutput output) {
        RawHttp.Response response = RawHttp.exchange(port, "GET /api/v1/tenants HTTP/1.1\r\nHost: localhost\r\n"
                + "X-Padding: " + "a".repeat(20_000));

        assertProblem(response, 431);
        assertNothingLoggedAsAnError(output);
        assertThat(output.getOut()).doesNotContain("a".repeat(100));
    }

    @ParameterizedTest
    @ValueSource(strings = {"FOO", "TRACE", "CONNECT"})
    void anUnsupportedMethodIsA405Problem(String method, CapturedOutput output) {
        RawHttp.Response response = RawHttp.exchange(port, method + " /api/v1/tenants HTTP/1.1\r\nHost: localhost\r\n"
                + OPERATOR);

        assertProblem(response, 405);
        assertNothingLoggedAsAnError(output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST", "PUT", "PATCH", "DELETE"})
    void theErrorPathCalledDirectlyIsNotFound(String method) {
        RawHttp.Response response = RawHttp.exchange(port, method + " /error HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Length: 0");

        assertProblem(response, 404);
    }

    @Test
    void aNumberIsNotTakenForAString() {
        ApiClient.Response response = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", 123456, "email", "numbers@example.com", "plan", "basic"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().path("errors").get(0).path("field").asString()).isEqualTo("name");
        assertThat(api().get("/api/v1/tenants?limit=100", ApiClient.OPERATOR_TOKEN).raw().body())
                .doesNotContain("numbers@example.com");
    }

    @Test
    void aStringIsNotTakenForANumberNorABoolean() {
        String tenant = api().createTenant("Strict Scalars " + System.nanoTime(), "basic");
        String key = api().createKey(tenant, "read", "write");
        String items = "/api/v1/tenants/" + tenant + "/menu-items";

        ApiClient.Response price = api().post(items, key, Map.of("name", "Tiramisu", "price", "7.50", "currency", "EUR"));
        ApiClient.Response seasonal = api().post(items, key, Map.of("name", "Tiramisu", "seasonal", "true"));
        ApiClient.Response numberForBoolean = api().post(items, key, Map.of("name", "Tiramisu", "seasonal", 1));

        assertThat(List.of(price, seasonal, numberForBoolean)).allSatisfy(r -> assertThat(r.status()).isEqualTo(400));
        assertThat(price.body().path("errors").get(0).path("field").asString()).isEqualTo("price");
        assertThat(seasonal.body().path("errors").get(0).path("field").asString()).isEqualTo("seasonal");
        assertThat(numberForBoolean.body().path("errors").get(0).path("field").asString()).isEqualTo("seasonal");
        assertThat(api().get(items, key).body().path("items").size()).isZero();
        assertThat(api().post(items, key, Map.of("name", "Tiramisu", "price", new BigDecimal("7.50"), "currency", "EUR",
                "seasonal", true)).status()).isEqualTo(201);
    }

    private static void assertProblem(RawHttp.Response response, int status) {
        assertThat(response.status()).as(response.body()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        String requestId = response.header("X-Request-Id");
        assertThat(requestId).isNotBlank();
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("status").asInt()).isEqualTo(status);
        assertThat(body.path("request_id").asString()).isEqualTo(requestId);
        assertThat(body.path("detail").asString()).isNotBlank();
    }

    private static void assertNothingLoggedAsAnError(CapturedOutput output) {
        assertThat(output.getOut() + output.getErr()).doesNotContain("ERROR").doesNotContain("stack_trace")
                .doesNotContain("\tat org.apache");
    }
}
