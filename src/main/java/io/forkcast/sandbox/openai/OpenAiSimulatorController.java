package io.forkcast.sandbox.openai;

import jakarta.validation.Valid;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * An OpenAI-compatible API under {@code /sandbox/openai/v1}: {@code POST /chat/completions} and
 * {@code POST /embeddings} with OpenAI's request and response shapes, error body
 * ({@code {"error":{"message","type","param","code"}}}) and headers ({@code x-request-id},
 * {@code x-ratelimit-*}, {@code retry-after}). Any bearer key starting with {@code sk-} is accepted. Faults for
 * the next calls are queued with {@code POST /sandbox/openai/admin/faults} and cleared with {@code DELETE}.
 */
@RestController
@RequestMapping("/sandbox/openai")
@ConditionalOnProperty(name = "forkcast.sandbox.enabled", havingValue = "true", matchIfMissing = true)
class OpenAiSimulatorController {

    private static final int REQUEST_LIMIT = 500;
    private static final int TOKEN_LIMIT = 200_000;

    private final OpenAiSimulator simulator;
    // Spelled out in maps with OpenAI's own member names; the web mapper's naming strategy must not touch them.
    private final JsonMapper json = JsonMapper.builder().build();

    OpenAiSimulatorController(OpenAiSimulator simulator) {
        this.simulator = simulator;
    }

    @PostMapping(path = "/v1/chat/completions", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> chatCompletions(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @RequestBody(required = false) String body) {
        Optional<ResponseEntity<String>> refused = authenticate(authorization);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode request = parse(body);
        if (request == null) {
            return error(HttpStatus.BAD_REQUEST, "We could not parse the JSON body of your request. (HINT: This likely "
                    + "means you aren't using your HTTP library correctly.)", "invalid_request_error", null, null, null);
        }
        String model = request.path("model").asString("");
        JsonNode messages = request.path("messages");
        List<String> texts = new ArrayList<>();
        List<String> images = new ArrayList<>();
        String badPart = null;
        for (JsonNode m : messages) {
            JsonNode content = m.path("content");
            if (!content.isArray()) {
                texts.add(content.asString(""));
                continue;
            }
            // Content parts, OpenAI's shape: {"type":"text","text":…} and {"type":"image_url","image_url":{"url":…}}.
            StringBuilder text = new StringBuilder();
            for (JsonNode part : content) {
                String type = part.path("type").asString("");
                if (type.equals("text")) {
                    text.append(text.isEmpty() ? "" : "\n").append(part.path("text").asString(""));
                } else if (type.equals("image_url")) {
                    String url = part.path("image_url").path("url").asString("");
                    if (!url.startsWith("https://") && !url.startsWith("http://") && !url.startsWith("data:image/")) {
                        badPart = "Invalid image URL: 'messages[].content[].image_url.url' must be a URL or a "
                                + "base64-encoded data URL.";
                    }
                    images.add(url);
                } else {
                    badPart = "Invalid value: '" + type + "'. Supported values are: 'text', 'image_url', "
                            + "'input_audio', 'refusal', 'audio', and 'file'.";
                }
            }
            texts.add(text.toString());
        }
        simulator.record(new OpenAiSimulator.SeenRequest("chat/completions", model, texts, images.size()));
        if (badPart != null) {
            return error(HttpStatus.BAD_REQUEST, badPart, "invalid_request_error", "messages", "invalid_value", null);
        }
        if (model.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "you must provide a model parameter", "invalid_request_error", null,
                    null, null);
        }
        if (!messages.isArray() || messages.isEmpty()) {
            return error(HttpStatus.BAD_REQUEST, "[] is too short - 'messages'", "invalid_request_error", "messages",
                    null, null);
        }
        Optional<ResponseEntity<String>> fault = fault();
        if (fault.isPresent()) {
            return fault.get();
        }
        String prompt = String.join("\n", texts);
        String content = simulator.caption(prompt, images.size());
        int promptTokens = tokens(prompt);
        int completionTokens = tokens(content);

        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", content);
        message.put("refusal", null);
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", "stop");
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""));
        response.put("object", "chat.completion");
        response.put("created", Instant.now().getEpochSecond());
        response.put("model", model);
        response.put("choices", List.of(choice));
        response.put("usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens,
                "total_tokens", promptTokens + completionTokens,
                "prompt_tokens_details", Map.of("cached_tokens", 0, "audio_tokens", 0),
                "completion_tokens_details", Map.of("reasoning_tokens", 0, "audio_tokens", 0,
                        "accepted_prediction_tokens", 0, "rejected_prediction_tokens", 0)));
        response.put("service_tier", "default");
        response.put("system_fingerprint", "fp_forkcast_sandbox");
        return ok(response, promptTokens + completionTokens);
    }

    @PostMapping(path = "/v1/embeddings", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> embeddings(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @RequestBody(required = false) String body) {
        Optional<ResponseEntity<String>> refused = authenticate(authorization);
        if (refused.isPresent()) {
            return refused.get();
        }
        JsonNode request = parse(body);
        if (request == null) {
            return error(HttpStatus.BAD_REQUEST, "We could not parse the JSON body of your request.",
                    "invalid_request_error", null, null, null);
        }
        String model = request.path("model").asString("");
        JsonNode input = request.path("input");
        List<String> inputs = new ArrayList<>();
        if (input.isString()) {
            inputs.add(input.asString());
        } else if (input.isArray()) {
            input.forEach(i -> inputs.add(i.asString("")));
        }
        simulator.record(new OpenAiSimulator.SeenRequest("embeddings", model, inputs, 0));
        if (model.isBlank()) {
            return error(HttpStatus.BAD_REQUEST, "you must provide a model parameter", "invalid_request_error", null,
                    null, null);
        }
        if (inputs.isEmpty() || inputs.stream().anyMatch(String::isEmpty)) {
            return error(HttpStatus.BAD_REQUEST, "'$.input' is invalid. Please check the API reference: "
                    + "https://platform.openai.com/docs/api-reference.", "invalid_request_error", "input", null, null);
        }
        if (inputs.size() > 2048) {
            return error(HttpStatus.BAD_REQUEST, "'$.input' is too long: at most 2048 inputs",
                    "invalid_request_error", "input", null, null);
        }
        Optional<ResponseEntity<String>> fault = fault();
        if (fault.isPresent()) {
            return fault.get();
        }
        int dimensions = request.path("dimensions").asInt(model.contains("3-large") ? 3072 : 1536);
        List<Map<String, Object>> data = new ArrayList<>();
        int tokens = 0;
        for (int i = 0; i < inputs.size(); i++) {
            data.add(Map.of("object", "embedding", "index", i,
                    "embedding", OpenAiSimulator.embedding(inputs.get(i), dimensions)));
            tokens += tokens(inputs.get(i));
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("object", "list");
        response.put("data", data);
        response.put("model", model);
        response.put("usage", Map.of("prompt_tokens", tokens, "total_tokens", tokens));
        return ok(response, tokens);
    }

    /** Queues a fault for the next calls. */
    @PostMapping("/admin/faults")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void inject(@Valid @RequestBody OpenAiFault fault) {
        simulator.inject(fault);
    }

    /** Clears queued faults and the record of requests. */
    @DeleteMapping("/admin/faults")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset() {
        simulator.reset();
    }

    /** The last calls received (endpoint, model, message texts), oldest first. */
    @GetMapping("/admin/requests")
    List<OpenAiSimulator.SeenRequest> requests() {
        return simulator.seen();
    }

    private Optional<ResponseEntity<String>> authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7) {
            return Optional.of(error(HttpStatus.UNAUTHORIZED, "You didn't provide an API key. You need to provide "
                    + "your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY).",
                    "invalid_request_error", null, null, null));
        }
        if (!authorization.substring(7).startsWith("sk-")) {
            // OpenAI echoes a masked key; the sandbox does not echo it at all.
            return Optional.of(error(HttpStatus.UNAUTHORIZED, "Incorrect API key provided. You can find your API key "
                    + "at https://platform.openai.com/account/api-keys.", "invalid_request_error", null,
                    "invalid_api_key", null));
        }
        return Optional.empty();
    }

    private Optional<ResponseEntity<String>> fault() {
        Optional<OpenAiFault> next = simulator.nextFault();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        OpenAiFault fault = next.get();
        if (fault.delayMs() != null && fault.delayMs() > 0) {
            try {
                Thread.sleep(fault.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (fault.status() == null || fault.status() < 400) {
            return Optional.empty();
        }
        HttpStatus status = HttpStatus.valueOf(fault.status());
        String type = fault.type() != null ? fault.type() : switch (fault.status()) {
            case 429 -> "rate_limit_error";
            case 401 -> "invalid_request_error";
            default -> fault.status() >= 500 ? "server_error" : "invalid_request_error";
        };
        String code = fault.code() != null ? fault.code()
                : "insufficient_quota".equals(type) ? "insufficient_quota"
                : fault.status() == 429 ? "rate_limit_exceeded" : null;
        String message = fault.message() != null ? fault.message() : switch (type) {
            case "insufficient_quota" -> "You exceeded your current quota, please check your plan and billing details.";
            case "rate_limit_error" -> "Rate limit reached for requests. Please try again in "
                    + (fault.retryAfterSeconds() == null ? 1 : fault.retryAfterSeconds()) + "s.";
            case "server_error" -> "The server had an error while processing your request. Sorry about that!";
            default -> status.getReasonPhrase();
        };
        return Optional.of(error(status, message, type, null, code, fault.retryAfterSeconds()));
    }

    private ResponseEntity<String> ok(Map<String, Object> body, int tokens) {
        return ResponseEntity.ok().headers(headers(tokens)).contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(body));
    }

    private ResponseEntity<String> error(HttpStatus status, String message, String type, String param, String code,
            Integer retryAfterSeconds) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("message", message);
        error.put("type", type);
        error.put("param", param);
        error.put("code", code);
        HttpHeaders headers = headers(0);
        if (retryAfterSeconds != null) {
            headers.set(HttpHeaders.RETRY_AFTER, Integer.toString(retryAfterSeconds));
            headers.set("retry-after-ms", Integer.toString(retryAfterSeconds * 1000));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(json.writeValueAsString(body));
    }

    private static HttpHeaders headers(int tokens) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("x-request-id", "req_" + UUID.randomUUID().toString().replace("-", ""));
        headers.set("openai-processing-ms", "1");
        headers.set("openai-version", "2020-10-01");
        headers.set("x-ratelimit-limit-requests", Integer.toString(REQUEST_LIMIT));
        headers.set("x-ratelimit-remaining-requests", Integer.toString(REQUEST_LIMIT - 1));
        headers.set("x-ratelimit-reset-requests", "120ms");
        headers.set("x-ratelimit-limit-tokens", Integer.toString(TOKEN_LIMIT));
        headers.set("x-ratelimit-remaining-tokens", Integer.toString(Math.max(0, TOKEN_LIMIT - tokens)));
        headers.set("x-ratelimit-reset-tokens", "6ms");
        return headers;
    }

    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = json.readTree(body);
            return node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    /** Roughly OpenAI's tokens for English: four characters each. */
    private static int tokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }
}
