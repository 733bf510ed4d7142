package io.forkcast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Acts like a browser: asks for HTML, follows redirects, and submits the form of a page with the fields a person
 * would fill in (hidden inputs as they are, the chosen checkboxes, the button pressed).
 */
public final class Browser {

    private static final Pattern FORM = Pattern.compile("<form method=\"post\" action=\"([^\"]*)\">");
    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">");
    private static final Pattern CHECKBOX = Pattern.compile("<input type=\"checkbox\" name=\"([^\"]+)\" value=\"([^\"]*)\"");

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    /** The page at the end of the redirects, and the address it was served from. */
    public record Page(int status, URI uri, String html) {
    }

    public Page open(URI uri) {
        return follow(request(uri).GET().build());
    }

    /**
     * Submits the page's form as a person would: hidden fields, the checkboxes with the given values ticked
     * (all others unticked), and the button {@code decision}.
     */
    public Page submit(Page page, String decision, Set<String> checked) {
        return follow(formRequest(page, decision, checked));
    }

    /** Submits the form but stops at the redirect: the address the browser would go to next. */
    public URI submitAndStop(Page page, String decision, Set<String> checked) {
        HttpResponse<String> response = send(formRequest(page, decision, checked));
        if (response.statusCode() / 100 != 3) {
            throw new IllegalStateException("Expected a redirect, got " + response.statusCode() + ": " + response.body());
        }
        return page.uri().resolve(response.headers().firstValue("Location").orElseThrow());
    }

    private HttpRequest formRequest(Page page, String decision, Set<String> checked) {
        Matcher form = FORM.matcher(page.html());
        if (!form.find()) {
            throw new IllegalStateException("No form on the page: " + page.html());
        }
        List<String> fields = new ArrayList<>();
        Matcher hidden = HIDDEN.matcher(page.html());
        while (hidden.find()) {
            fields.add(encode(hidden.group(1)) + "=" + encode(unescape(hidden.group(2))));
        }
        Matcher box = CHECKBOX.matcher(page.html());
        while (box.find()) {
            if (checked.contains(unescape(box.group(2)))) {
                fields.add(encode(box.group(1)) + "=" + encode(unescape(box.group(2))));
            }
        }
        fields.add("decision=" + encode(decision));
        URI action = page.uri().resolve(unescape(form.group(1)));
        return request(action).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(String.join("&", fields))).build();
    }

    private HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
    }

    private Page follow(HttpRequest first) {
        HttpRequest request = first;
        for (int hops = 0; hops < 10; hops++) {
            HttpResponse<String> response = send(request);
            if (response.statusCode() / 100 != 3) {
                return new Page(response.statusCode(), request.uri(), response.body());
            }
            URI next = request.uri().resolve(response.headers().firstValue("Location").orElseThrow());
            request = request(next).GET().build();
        }
        throw new IllegalStateException("Too many redirects");
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

    private static String unescape(String html) {
        return html.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }
}
