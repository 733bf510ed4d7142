package io.forkcast.assets;

import io.forkcast.support.ApiClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Uploads (multipart, or the file as the body) and plain media fetches over real HTTP, as a phone app and Instagram
 * would make them.
 */
final class Uploads {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    Uploads(int port) {
        this.baseUrl = "http://127.0.0.1:" + port;
    }

    record Field(String name, String value) {
    }

    static Field field(String name, String value) {
        return new Field(name, value);
    }

    ApiClient.Response upload(String tenantId, String token, String filename, byte[] content, Field... fields) {
        return uploadTo("/api/v1/tenants/" + tenantId + "/assets", token, filename, content, fields);
    }

    ApiClient.Response uploadTo(String path, String token, String filename, byte[] content, Field... fields) {
        String boundary = "----forkcast" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<Field> all = new ArrayList<>(List.of(fields));
        for (Field field : all) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.name()
                    + "\"\r\n\r\n" + field.value() + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        if (content != null) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                    + filename + "\"\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .build();
        return send(request);
    }

    /**
     * The file as the request's body, of a declared type, with the options in the query ({@code query} already
     * encoded, without its {@code ?}; may be empty), to {@code POST .../assets/uploads}. {@code chunked} sends it
     * without a {@code Content-Length}.
     */
    ApiClient.Response raw(String tenantId, String token, String contentType, String query, byte[] content,
            boolean chunked, String... headers) {
        return rawTo("/api/v1/tenants/" + tenantId + "/assets/uploads", token, contentType, query, content, chunked,
                headers);
    }

    ApiClient.Response rawTo(String path, String token, String contentType, String query, byte[] content,
            boolean chunked, String... headers) {
        HttpRequest.BodyPublisher body = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(content))
                : HttpRequest.BodyPublishers.ofByteArray(content);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path
                        + (query.isEmpty() ? "" : "?" + query)))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json, application/problem+json")
                .header("Content-Type", contentType)
                .POST(body);
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request.build());
    }

    static String query(String name, String value) {
        return name + "=" + java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static ApiClient.Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body() == null || response.body().isBlank()
                    ? JSON.createObjectNode() : JSON.readTree(response.body());
            return new ApiClient.Response(response.statusCode(), response, json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A GET without any credentials, as Instagram's fetcher makes it. */
    static HttpResponse<byte[]> fetch(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> json(String text) {
        return JSON.readValue(text, Map.class);
    }
}
