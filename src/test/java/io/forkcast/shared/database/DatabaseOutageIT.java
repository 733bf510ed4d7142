package io.forkcast.shared.database;

import io.forkcast.support.ApiClient;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.support.PostgresTestDatabase;
import io.forkcast.support.TcpProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The real PostgreSQL behind a TCP proxy the test controls, cut as by a network partition (new connections
 * refused, open ones silent) and restored. While it is cut, readiness answers 503 DOWN and requests answer 503 with
 * {@code Retry-After} instead of hanging; once it is back, both recover without a restart.
 */
class DatabaseOutageIT extends PostgresIntegrationTest {

    private static final TcpProxy PROXY = new TcpProxy("127.0.0.1", 5432);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /**
     * Far longer than any answer the application should take while the database is away, far shorter than what
     * it took before (requests hung for about 30 s): a hang fails the test, a slow machine does not.
     */
    private static final Duration HANG = Duration.ofSeconds(15);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @DynamicPropertySource
    static void throughTheProxy(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url",
                () -> "jdbc:postgresql://127.0.0.1:" + PROXY.port() + "/" + PostgresTestDatabase.NAME);
        // The application's pool only: jobs and sessions share it, nothing else reaches the database around it.
        registry.add("spring.datasource.hikari.maximum-pool-size", () -> "5");
        registry.add("forkcast.jobs.enabled", () -> "false");
    }

    @AfterEach
    void restore() throws IOException {
        PROXY.restore();
    }

    @AfterAll
    static void closeProxy() throws IOException {
        PROXY.close();
    }

    @Test
    void whileTheDatabaseIsCutReadinessIsDownAndRequestsAnswer503ThenBothRecover() throws Exception {
        ApiClient api = api();
        String tenant = api.createTenant("Outage Grill " + System.nanoTime(), "enterprise");
        String usedKey = api.createKey(tenant, "read", "write");
        String unusedKey = api.createKey(tenant, "read");
        String folders = "/api/v1/tenants/" + tenant + "/folders";
        assertThat(api.get(folders, usedKey).status()).isEqualTo(200);
        assertThat(get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);

        PROXY.cut();

        HttpResponse<String> readiness = get("/actuator/health/readiness", null);
        assertThat(readiness.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(readiness.body()).path("status").asString()).isEqualTo("DOWN");
        assertThat(get("/actuator/health/liveness", null).statusCode()).isEqualTo(200);
        // In a controller (the key is cached, the folders are not) and in the filter that looks a new key up.
        assertUnavailable(get(folders, usedKey));
        assertUnavailable(post(folders, usedKey, Map.of("name", "Lost in the outage")));
        assertUnavailable(get(folders, unusedKey));

        PROXY.restore();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> get("/actuator/health/readiness", null).statusCode() == 200);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> get(folders, unusedKey).statusCode() == 200);
        assertThat(api.post(folders, usedKey, Map.of("name", "After the outage")).status()).isEqualTo(201);
        assertThat(api.get(folders, usedKey).raw().body()).contains("After the outage")
                .doesNotContain("Lost in the outage");
    }

    private static void assertUnavailable(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("X-Request-Id")).isPresent();
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("detail").asString()).contains("database");
    }

    private HttpResponse<String> get(String path, String key) throws IOException, InterruptedException {
        return send(request(path, key).GET());
    }

    private HttpResponse<String> post(String path, String key, Object body) throws IOException, InterruptedException {
        return send(request(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
    }

    private HttpRequest.Builder request(String path, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(HANG);
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        return request;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        long started = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            System.out.printf("%s %s -> %d in %d ms%n", response.request().method(), response.request().uri().getPath(),
                    response.statusCode(), (System.nanoTime() - started) / 1_000_000);
            return response;
        } catch (HttpTimeoutException e) {
            throw new AssertionError("No answer within " + HANG + ": the request hung", e);
        }
    }
}
