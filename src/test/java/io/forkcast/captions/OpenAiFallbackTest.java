package io.forkcast.captions;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With fallback configured, a failing provider yields an offline caption that says so. */
@TestPropertySource(properties = {
        "forkcast.captions.writer=openai",
        "forkcast.captions.fallback-to-offline=true",
        "forkcast.captions.openai.max-retries=1",
        "forkcast.captions.openai.initial-backoff=10ms"})
class OpenAiFallbackTest extends EmbeddedApiTest {

    @Test
    void failingProviderFallsBackToTheOfflineWriter() {
        ApiClient api = api();
        api.delete("/sandbox/openai/admin/faults", null);
        String tenant = api.createTenant("Fallback " + System.nanoTime(), "pro");
        String key = api.createKey(tenant);
        api.post("/sandbox/openai/admin/faults", null, Map.of("status", 500, "count", 50));

        Response response = api.post("/api/v1/tenants/" + tenant + "/captions", key,
                Map.of("item", Map.of("name", "Tarte Tatin"), "platform", "facebook"));
        api.delete("/sandbox/openai/admin/faults", null);

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().get("variants").get(0).get("writer").asString()).isEqualTo("offline");
        assertThat(response.body().get("variants").get(0).get("text").asString()).contains("Tarte Tatin");
    }
}
