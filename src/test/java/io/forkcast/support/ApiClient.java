package io.forkcast.support;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** A real HTTP client for the application under test: requests cross a socket, as a customer's would. */
public final class ApiClient {

    public static final String OPERATOR_TOKEN = "test-operator-token-0123456789abcdef";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    public ApiClient(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    /** One response: status, headers and the body parsed as JSON (an empty object when there is none). */
    /** {@code http://127.0.0.1:<port>}, for requests this client does not make (forms, other Accept headers). */
    public String baseUrl() {
        return baseUrl;
    }

    public record Response(int status, HttpResponse<String> raw, JsonNode body) {

        public String header(String name) {
            return raw.headers().firstValue(name).orElse(null);
        }

        public Optional<String> contentType() {
            return raw.headers().firstValue("Content-Type");
        }

        public String text(String field) {
            JsonNode node = body.get(field);
            return node == null || node.isNull() ? null : node.asString();
        }
    }

    /** A plain-text GET (metrics, say): accepts any representation. */
    public String getText(String path) {
        return exchange(HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .header("Accept", "*/*").GET()).body();
    }

    public Response get(String path, String token) {
        return send("GET", path, token, null, "application/json");
    }

    public Response delete(String path, String token) {
        return send("DELETE", path, token, null, "application/json");
    }

    public Response post(String path, String token, Object body) {
        return send("POST", path, token, body, "application/json");
    }

    public Response put(String path, String token, Object body) {
        return send("PUT", path, token, body, "application/json");
    }

    public Response patch(String path, String token, Object body) {
        return send("PATCH", path, token, body, "application/json");
    }

    /** Sends a body as given: a String goes verbatim (malformed JSON, say), anything else as JSON. */
    public Response send(String method, String path, String token, Object body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json, application/problem+json");
        if (token != null) {
            request.header("Authorization", token.contains(" ") ? token : "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            String text = body instanceof String s ? s : JSON.writeValueAsString(body);
            request.header("Content-Type", contentType).method(method, HttpRequest.BodyPublishers.ofString(text));
        }
        HttpResponse<String> response = exchange(request);
        JsonNode json = response.body() == null || response.body().isBlank()
                ? JSON.createObjectNode()
                : JSON.readTree(response.body());
        return new Response(response.statusCode(), response, json);
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates a tenant as the operator and returns its id. */
    public String createTenant(String name, String plan) {
        Response response = post("/api/v1/tenants", OPERATOR_TOKEN,
                Map.of("name", name, "email", name.toLowerCase().replaceAll("[^a-z0-9]", "") + "@example.com",
                        "plan", plan));
        if (response.status() != 201) {
            throw new IllegalStateException("Could not create tenant: " + response.raw().body());
        }
        return response.text("id");
    }

    /** Creates an API key for a tenant as the operator and returns its secret. */
    public String createKey(String tenantId, String... scopes) {
        Object body = scopes.length == 0
                ? Map.of("name", "test key")
                : Map.of("name", "test key", "scopes", scopes);
        Response response = post("/api/v1/tenants/" + tenantId + "/api-keys", OPERATOR_TOKEN, body);
        if (response.status() != 201) {
            throw new IllegalStateException("Could not create key: " + response.raw().body());
        }
        return response.text("key");
    }
}
