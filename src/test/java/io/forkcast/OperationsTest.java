package io.forkcast;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class OperationsTest extends EmbeddedApiTest {

    @Test
    void readinessIncludesTheDatabaseAndTheRateLimitStore() {
        Response readiness = api().get("/actuator/health/readiness", null);

        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("UP");
        assertThat(readiness.body().get("components").has("db")).isTrue();
        assertThat(readiness.body().get("components").get("rateLimits").get("status").asString()).isEqualTo("UP");
    }

    @Test
    void livenessAnswers() {
        assertThat(api().get("/actuator/health/liveness", null).text("status")).isEqualTo("UP");
    }

    @Test
    void openApiDocumentDescribesTheTenantsApi() {
        Response docs = api().get("/v3/api-docs", null);

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.body().get("paths").has("/api/v1/tenants")).isTrue();
        assertThat(docs.body().get("paths").has("/api/v1/tenants/{tenantId}/api-keys")).isTrue();
    }

    @Test
    void prometheusExportsRequestLatencies() {
        ApiClient api = api();
        api.get("/api/v1/tenants", OPERATOR_TOKEN);

        String metrics = api.getText("/actuator/prometheus");

        assertThat(metrics).contains("http_server_requests_seconds_bucket");
    }

    @Test
    void everyResponseCarriesARequestId() {
        Response response = api().get("/api/v1/tenants", OPERATOR_TOKEN);

        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void secretsNeverReachTheLogs(CapturedOutput output) {
        ApiClient api = api();
        String tenant = api.createTenant("Logged Bistro", "basic");
        String key = api.createKey(tenant);
        api.get("/api/v1/tenants/" + tenant, key);
        api.get("/api/v1/tenants/" + tenant, key + "tampered");
        api.get("/api/v1/tenants/not-a-uuid", key);

        assertThat(output.getAll()).doesNotContain(key).doesNotContain(OPERATOR_TOKEN);
    }
}
