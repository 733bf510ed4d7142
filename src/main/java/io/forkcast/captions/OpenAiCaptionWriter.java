package io.forkcast.captions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Writes captions with any OpenAI-compatible chat completions API ({@code POST {base-url}/chat/completions}):
 * OpenAI, an Azure-compatible gateway, Ollama or vLLM, or the built-in sandbox.
 *
 * <p>Retries, at most {@code max-retries} times: 408, 409, 429 (rate limits) and 5xx answers and calls that time
 * out, waiting what {@code retry-after-ms} or {@code retry-after} says (a wait longer than {@code max-retry-wait}
 * fails at once), else an exponential backoff from {@code initial-backoff}. Never retries a 401 (the key is
 * wrong), a 429 with {@code insufficient_quota} (billing, not load) or another 4xx (the request is wrong).
 * The API key goes in the {@code Authorization} header only: never in a log line or an error message.
 */
final class OpenAiCaptionWriter implements CaptionWriter {

    static final String NAME = "openai";

    private static final Logger log = LoggerFactory.getLogger(OpenAiCaptionWriter.class);

    private final CaptionsProperties.OpenAi settings;
    private final Supplier<URI> baseUrl;
    private final String apiKey;
    private final JsonMapper json;
    private final RestClient http;

    private record Answer(int status, HttpHeaders headers, String body) {
    }

    OpenAiCaptionWriter(CaptionsProperties.OpenAi settings, Supplier<URI> baseUrl, String apiKey, JsonMapper json) {
        this.settings = settings;
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
        this.json = json;
        HttpClient client = HttpClient.newBuilder().connectTimeout(settings.timeout()).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(settings.timeout());
        this.http = RestClient.builder().requestFactory(requests).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public WrittenCaption write(CaptionBrief brief) {
        return complete(brief.prompt(), brief.imageUrls(), brief.language());
    }

    @Override
    public WrittenCaption reply(ReplyBrief brief) {
        return complete(brief.prompt(), List.of(), brief.language());
    }

    private WrittenCaption complete(CaptionBrief.Prompt prompt, List<String> imageUrls, String language) {
        String body = requestBody(prompt, imageUrls);
        URI endpoint = URI.create(baseUrl.get().toString().replaceAll("/+$", "") + "/chat/completions");
        for (int attempt = 0; ; attempt++) {
            Answer answer;
            try {
                answer = call(endpoint, body);
            } catch (ResourceAccessException e) {
                if (attempt >= settings.maxRetries()) {
                    throw new CaptionWriterUnavailable("the provider did not answer in time (" + attempts(attempt) + ").");
                }
                log.info("Caption provider call failed ({}); retrying", e.getMostSpecificCause().getClass().getSimpleName());
                pause(backoff(attempt));
                continue;
            }
            if (answer.status() == 200) {
                return parse(answer.body(), language);
            }
            JsonNode error = error(answer.body());
            String type = text(error, "type");
            String code = text(error, "code");
            if (answer.status() == 401) {
                throw new CaptionWriterUnavailable("the provider refused our credentials (401 " + orEmpty(code)
                        + "); the operator must check forkcast.captions.openai.api-key.");
            }
            if (answer.status() == 429 && ("insufficient_quota".equals(code) || "insufficient_quota".equals(type))) {
                throw new CaptionWriterUnavailable("the provider account has run out of quota (insufficient_quota).");
            }
            if (!retryable(answer.status())) {
                throw new CaptionWriterUnavailable("the provider rejected the request (" + answer.status() + " "
                        + orEmpty(code == null ? type : code) + ").");
            }
            Duration wait = retryAfter(answer.headers());
            if (wait != null && wait.compareTo(settings.maxRetryWait()) > 0) {
                throw new CaptionWriterUnavailable("the provider asks to wait " + wait.toSeconds()
                        + " s, longer than we wait for a caption (" + answer.status() + ").");
            }
            if (attempt >= settings.maxRetries()) {
                throw new CaptionWriterUnavailable("the provider kept failing (" + answer.status() + ", "
                        + attempts(attempt) + ").");
            }
            log.info("Caption provider answered {} ({}); retrying", answer.status(), orEmpty(code == null ? type : code));
            pause(wait != null ? wait : backoff(attempt));
        }
    }

    private Answer call(URI endpoint, String body) {
        return http.post().uri(endpoint)
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + apiKey)
                .body(body)
                .exchange((request, response) -> new Answer(response.getStatusCode().value(), response.getHeaders(),
                        new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)), true);
    }

    private String requestBody(CaptionBrief.Prompt prompt, List<String> imageUrls) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("model", settings.model());
        request.put("messages", List.of(
                Map.of("role", "system", "content", prompt.system()),
                Map.of("role", "user", "content", userContent(prompt, imageUrls))));
        request.put("temperature", settings.temperature());
        request.put("max_completion_tokens", settings.maxCompletionTokens());
        request.put("n", 1);
        return json.writeValueAsString(request);
    }

    /** The prompt, and with a vision model the photos as {@code image_url} parts after it (OpenAI's shape). */
    private static Object userContent(CaptionBrief.Prompt prompt, List<String> imageUrls) {
        if (imageUrls.isEmpty()) {
            return prompt.user();
        }
        List<Object> parts = new java.util.ArrayList<>();
        parts.add(Map.of("type", "text", "text", prompt.user()));
        imageUrls.forEach(url -> parts.add(Map.of("type", "image_url",
                "image_url", Map.of("url", url, "detail", "low"))));
        return parts;
    }

    private WrittenCaption parse(String body, String language) {
        try {
            JsonNode root = json.readTree(body);
            JsonNode choice = root.path("choices").path(0);
            JsonNode message = choice.path("message");
            if (message.hasNonNull("refusal") && !message.path("refusal").asString().isBlank()) {
                throw new CaptionWriterUnavailable("the model refused to write this caption.");
            }
            String content = message.path("content").asString("");
            JsonNode usage = root.path("usage");
            String model = root.path("model").asString(settings.model());
            return new WrittenCaption(strip(content), language, NAME, model, usage.path("prompt_tokens").asLong(0),
                    usage.path("completion_tokens").asLong(0));
        } catch (JacksonException e) {
            throw new CaptionWriterUnavailable("the provider's answer was not valid JSON.");
        }
    }

    /** Models sometimes wrap the caption in quotes; the caption is what is inside. */
    private static String strip(String content) {
        String text = content.strip();
        if (text.length() > 1 && text.startsWith("\"") && text.endsWith("\"")) {
            text = text.substring(1, text.length() - 1).strip();
        }
        return text;
    }

    private JsonNode error(String body) {
        try {
            return json.readTree(body).path("error");
        } catch (JacksonException e) {
            return json.createObjectNode();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isString() ? value.asString() : null;
    }

    private static boolean retryable(int status) {
        return status == 408 || status == 409 || status == 429 || status >= 500;
    }

    /** {@code retry-after-ms}, else {@code retry-after} in seconds or as an HTTP date. */
    static Duration retryAfter(HttpHeaders headers) {
        String millis = headers.getFirst("retry-after-ms");
        if (millis != null) {
            try {
                return Duration.ofMillis(Math.max(0, (long) Double.parseDouble(millis.strip())));
            } catch (NumberFormatException ignored) {
                // fall through to retry-after
            }
        }
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofMillis(Math.max(0, (long) (Double.parseDouble(value.strip()) * 1000)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (RuntimeException unparsable) {
                return null;
            }
        }
    }

    private Duration backoff(int attempt) {
        return settings.initialBackoff().multipliedBy(1L << Math.min(attempt, 10));
    }

    private static void pause(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CaptionWriterUnavailable("the request was interrupted while waiting to retry.");
        }
    }

    private static String attempts(int attempt) {
        return (attempt + 1) + (attempt == 0 ? " attempt" : " attempts");
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value.toLowerCase(Locale.ROOT);
    }
}
