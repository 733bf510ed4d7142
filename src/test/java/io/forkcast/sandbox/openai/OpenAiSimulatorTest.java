package io.forkcast.sandbox.openai;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The OpenAI simulator speaks OpenAI's shapes: bodies, errors and headers. */
class OpenAiSimulatorTest extends EmbeddedApiTest {

    private static final String CHAT = "/sandbox/openai/v1/chat/completions";
    private static final String KEY = "sk-test-key";

    private ApiClient api;

    @BeforeEach
    void cleanSandbox() {
        api = api();
        api.delete("/sandbox/openai/admin/faults", null);
    }

    @Test
    void chatCompletionHasOpenAisShapeAndHeaders() {
        Response response = api.post(CHAT, KEY, Map.of("model", "gpt-4o-mini", "messages", List.of(
                Map.of("role", "system", "content", "You write captions."),
                Map.of("role", "user", "content", "Write one Instagram caption.\nItem: Panna cotta\nTone: upscale"))));

        assertThat(response.status()).isEqualTo(200);
        JsonNode body = response.body();
        assertThat(body.get("id").asString()).startsWith("chatcmpl-");
        assertThat(body.get("object").asString()).isEqualTo("chat.completion");
        assertThat(body.get("created").asLong()).isPositive();
        assertThat(body.get("model").asString()).isEqualTo("gpt-4o-mini");
        JsonNode choice = body.get("choices").get(0);
        assertThat(choice.get("index").asInt()).isZero();
        assertThat(choice.get("finish_reason").asString()).isEqualTo("stop");
        assertThat(choice.get("message").get("role").asString()).isEqualTo("assistant");
        assertThat(choice.get("message").get("content").asString()).contains("Panna cotta", "upscale");
        assertThat(choice.get("message").has("refusal")).isTrue();
        assertThat(body.get("usage").get("total_tokens").asInt()).isEqualTo(
                body.get("usage").get("prompt_tokens").asInt() + body.get("usage").get("completion_tokens").asInt());
        assertThat(body.get("system_fingerprint").asString()).isNotBlank();
        assertThat(response.header("x-request-id")).startsWith("req_");
        assertThat(response.header("x-ratelimit-limit-requests")).isNotNull();
        assertThat(response.header("x-ratelimit-reset-tokens")).isEqualTo("6ms");
    }

    @Test
    void missingKeyIsA401WithOpenAisErrorBody() {
        Response response = api.post(CHAT, null, Map.of("model", "gpt-4o-mini",
                "messages", List.of(Map.of("role", "user", "content", "hi"))));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().get("error").get("type").asString()).isEqualTo("invalid_request_error");
        assertThat(response.body().get("error").has("param")).isTrue();
    }

    @Test
    void wrongKeyIsInvalidApiKey() {
        Response response = api.post(CHAT, "not-a-key", Map.of("model", "gpt-4o-mini",
                "messages", List.of(Map.of("role", "user", "content", "hi"))));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.body().get("error").get("code").asString()).isEqualTo("invalid_api_key");
        assertThat(response.raw().body()).doesNotContain("not-a-key");
    }

    @Test
    void missingModelIsA400() {
        Response response = api.post(CHAT, KEY, Map.of("messages", List.of(Map.of("role", "user", "content", "hi"))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("error").get("message").asString()).contains("model");
    }

    @Test
    void injectedRateLimitCarriesRetryAfterAndTheRateLimitCode() {
        api.post("/sandbox/openai/admin/faults", null, Map.of("status", 429, "retry_after_seconds", 2));

        Response response = api.post(CHAT, KEY, Map.of("model", "gpt-4o-mini",
                "messages", List.of(Map.of("role", "user", "content", "hi"))));
        Response next = api.post(CHAT, KEY, Map.of("model", "gpt-4o-mini",
                "messages", List.of(Map.of("role", "user", "content", "hi"))));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.header("retry-after")).isEqualTo("2");
        assertThat(response.header("retry-after-ms")).isEqualTo("2000");
        assertThat(response.body().get("error").get("type").asString()).isEqualTo("rate_limit_error");
        assertThat(response.body().get("error").get("code").asString()).isEqualTo("rate_limit_exceeded");
        assertThat(next.status()).isEqualTo(200);
    }

    @Test
    void injectedQuotaErrorIsInsufficientQuota() {
        api.post("/sandbox/openai/admin/faults", null, Map.of("status", 429, "type", "insufficient_quota"));

        Response response = api.post(CHAT, KEY, Map.of("model", "gpt-4o-mini",
                "messages", List.of(Map.of("role", "user", "content", "hi"))));

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.body().get("error").get("code").asString()).isEqualTo("insufficient_quota");
    }

    @Test
    void embeddingsHaveOpenAisShapeAndDimensions() {
        Response response = api.post("/sandbox/openai/v1/embeddings", KEY, Map.of("model", "text-embedding-3-small",
                "input", List.of("Margherita pizza", "Tiramisu"), "encoding_format", "float"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("object").asString()).isEqualTo("list");
        assertThat(response.body().get("data")).hasSize(2);
        assertThat(response.body().get("data").get(1).get("index").asInt()).isEqualTo(1);
        assertThat(response.body().get("data").get(0).get("object").asString()).isEqualTo("embedding");
        assertThat(response.body().get("data").get(0).get("embedding")).hasSize(1536);
        assertThat(response.body().get("usage").get("prompt_tokens").asInt()).isPositive();
    }

    @Test
    void embeddingOfAnEmptyStringIsA400() {
        Response response = api.post("/sandbox/openai/v1/embeddings", KEY,
                Map.of("model", "text-embedding-3-small", "input", ""));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("error").get("param").asString()).isEqualTo("input");
    }
}
