package io.forkcast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session on the dashboard, without the browser: its cookies, and the CSRF field of the page a form
 * comes from. Redirects are not followed, so a test sees them.
 */
public final class FormSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

    private final int port;
    private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public FormSession(int port) {
        this.port = port;
    }

    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    public HttpResponse<String> signIn(String email, String password) {
        return submit("/app/sign-in", Map.of("email", email, "password", password));
    }

    /** Opens the form's page (a path or an absolute link), then posts the form with the page's CSRF field. */
    public HttpResponse<String> submit(String page, Map<String, String> fields) {
        String path = page.startsWith("http") ? URI.create(page).getPath() : page;
        return post(path, fields, get(path).body());
    }

    /**
     * Opens {@code page}, then posts its form to {@code action} as a browser does: the page's CSRF field, and the
     * page as the {@code Referer} (a browser sends it to its own site).
     */
    public HttpResponse<String> submitFrom(String page, String action, Map<String, String> fields) {
        return post(action, fields, get(page).body(), Map.of("Referer", uri(page).toString()));
    }

    /** Posts to {@code path} with the CSRF field found in {@code pageWithForm}. */
    public HttpResponse<String> post(String path, Map<String, String> fields, String pageWithForm) {
        return post(path, fields, pageWithForm, Map.of());
    }

    /** Posts to {@code path} with the CSRF field found in {@code pageWithForm} and the given headers. */
    public HttpResponse<String> post(String path, Map<String, String> fields, String pageWithForm,
            Map<String, String> headers) {
        Matcher csrf = CSRF.matcher(pageWithForm);
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF field on the page: " + pageWithForm);
        }
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf.group(1));
        String body = all.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/x-www-form-urlencoded");
        headers.forEach(request::header);
        return send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /**
     * Posts a multipart form to {@code path}, as a browser sends a form with a file: the CSRF field found in
     * {@code pageWithForm}, then the file as {@code field}.
     */
    public HttpResponse<String> upload(String path, String field, String fileName, byte[] content,
            String pageWithForm) {
        Matcher csrf = CSRF.matcher(pageWithForm);
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF field on the page: " + pageWithForm);
        }
        String boundary = "----forkcast" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                + csrf.group(1) + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field
                + "\"; filename=\"" + fileName + "\"\r\nContent-Type: text/csv\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .header("Referer", uri(path).toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
