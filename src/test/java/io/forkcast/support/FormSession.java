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

    /** Posts to {@code path} with the CSRF field found in {@code pageWithForm}. */
    public HttpResponse<String> post(String path, Map<String, String> fields, String pageWithForm) {
        Matcher csrf = CSRF.matcher(pageWithForm);
        if (!csrf.find()) {
            throw new IllegalStateException("No CSRF field on the page: " + pageWithForm);
        }
        Map<String, String> all = new LinkedHashMap<>(fields);
        all.put("_csrf", csrf.group(1));
        String body = all.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
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
