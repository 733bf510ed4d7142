package io.forkcast.web;

import io.forkcast.support.ApiClient;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;

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
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in over real HTTP as a browser does it (cookies, CSRF field): invitations, several tenants, throttling. */
class SignInTest extends EmbeddedApiTest {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final String PASSWORD = "a long enough password";

    @Test
    void theOwnerInvitationWorksOnceAndRefusesAShortPassword() {
        Invited owner = newTenant("Once Bistro", "owner-" + UUID.randomUUID() + "@example.com");
        Session session = new Session();
        HttpResponse<String> shortOne = session.submit(owner.link(), Map.of("password", "short", "password_again", "short"));
        assertThat(shortOne.statusCode()).isEqualTo(400);
        assertThat(shortOne.body()).contains("at least 12 characters");

        HttpResponse<String> accepted = session.submit(owner.link(), Map.of("password", PASSWORD, "password_again", PASSWORD));
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(session.get("/app/settings").body()).contains("Once Bistro");

        HttpResponse<String> again = new Session().get(URI.create(owner.link()).getPath());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("not valid or has already been used");
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressAnswerTheSame() {
        Invited owner = newTenant("Same Answer", "owner-" + UUID.randomUUID() + "@example.com");
        new Session().submit(owner.link(), Map.of("password", PASSWORD, "password_again", PASSWORD));

        HttpResponse<String> wrong = new Session().signIn(owner.email(), "not the password at all");
        HttpResponse<String> unknown = new Session().signIn("nobody-" + UUID.randomUUID() + "@example.com", PASSWORD);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("The e-mail address or the password is not right.");
        assertThat(unknown.body()).contains("The e-mail address or the password is not right.");
        assertThat(new Session().signIn(owner.email(), PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    void anAddressInSeveralTenantsPicksAmongThoseWhosePasswordMatched() {
        String email = "shared-" + UUID.randomUUID() + "@example.com";
        Invited first = newTenant("Picker One", email);
        Invited second = newTenant("Picker Two", email);
        Invited third = newTenant("Picker Three", email);
        new Session().submit(first.link(), Map.of("password", PASSWORD, "password_again", PASSWORD));
        new Session().submit(second.link(), Map.of("password", PASSWORD, "password_again", PASSWORD));
        String other = "another password entirely";
        new Session().submit(third.link(), Map.of("password", other, "password_again", other));

        Session session = new Session();
        HttpResponse<String> picker = session.signIn(email, PASSWORD);
        assertThat(picker.statusCode()).isEqualTo(200);
        assertThat(picker.body()).contains("Picker One").contains("Picker Two").doesNotContain("Picker Three");

        // A tenant that was not offered cannot be chosen by editing the form.
        HttpResponse<String> forged = session.post("/app/sign-in/workspace", Map.of("tenant_id", third.tenantId()),
                picker.body());
        assertThat(forged.headers().firstValue("Location").orElse("")).endsWith("/app/sign-in");

        HttpResponse<String> chosen = session.post("/app/sign-in/workspace", Map.of("tenant_id", second.tenantId()),
                picker.body());
        assertThat(chosen.statusCode()).isEqualTo(302);
        assertThat(session.get("/app/settings").body()).contains("Picker Two");
    }

    @Test
    void repeatedAttemptsForOneAddressAreThrottled() {
        String email = "throttled-" + UUID.randomUUID() + "@example.com";
        Session session = new Session();
        for (int attempt = 0; attempt < 10; attempt++) {
            assertThat(session.signIn(email, "guess " + attempt).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> refused = session.signIn(email, "guess 11");
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("Too many sign-in attempts");
        // Another address from the same client is not held back.
        assertThat(session.signIn("other-" + email, "guess").statusCode()).isEqualTo(401);
    }

    @Test
    void theDashboardRedirectsToSignInAndTheSessionCookieIsHttpOnlyAndSameSite() {
        Session session = new Session();
        HttpResponse<String> page = session.get("/app/calendar");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.headers().firstValue("Location").orElse("")).endsWith("/app/sign-in");
        String cookie = page.headers().allValues("Set-Cookie").stream()
                .filter(c -> c.startsWith("FORKCAST_SESSION=")).findFirst().orElseThrow();
        assertThat(cookie).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");
    }

    // ---------------------------------------------------------------------------------------------------------

    record Invited(String tenantId, String email, String link) {
    }

    private Invited newTenant(String name, String email) {
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", name, "email", email, "plan", "basic"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.header("Cache-Control")).contains("no-store");
        return new Invited(created.text("id"), email, created.text("owner_invite_url"));
    }

    /** A browser's session: its cookies, and the CSRF field of the page a form comes from. */
    private final class Session {

        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).build();

        HttpResponse<String> get(String path) {
            return send(HttpRequest.newBuilder(uri(path)).GET().build());
        }

        HttpResponse<String> signIn(String email, String password) {
            return submit("/app/sign-in", Map.of("email", email, "password", password));
        }

        /** Opens the form's page, then posts the form with the page's CSRF field. */
        HttpResponse<String> submit(String page, Map<String, String> fields) {
            String path = page.startsWith("http") ? URI.create(page).getPath() : page;
            return post(path, fields, get(path).body());
        }

        HttpResponse<String> post(String path, Map<String, String> fields, String pageWithForm) {
            Matcher csrf = CSRF.matcher(pageWithForm);
            assertThat(csrf.find()).as("a CSRF field on the page").isTrue();
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
}
