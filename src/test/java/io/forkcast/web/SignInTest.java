package io.forkcast.web;

import io.forkcast.support.ApiClient;
import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.support.FormSession;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Sign-in over real HTTP as a browser does it (cookies, CSRF field): invitations, several tenants, throttling. */
class SignInTest extends EmbeddedApiTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void theOwnerInvitationWorksOnceAndRefusesAShortPassword() {
        Invited owner = newTenant("Once Bistro", "owner-" + UUID.randomUUID() + "@example.com");
        FormSession session = newSession();
        HttpResponse<String> shortOne = session.submit(owner.link(), Map.of("password", "short", "password_again", "short"));
        assertThat(shortOne.statusCode()).isEqualTo(400);
        assertThat(shortOne.body()).contains("at least 12 characters");

        HttpResponse<String> accepted = session.submit(owner.link(), Map.of("password", PASSWORD, "password_again", PASSWORD));
        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(session.get("/app/settings").body()).contains("Once Bistro");

        HttpResponse<String> again = newSession().get(URI.create(owner.link()).getPath());
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("not valid or has already been used");
    }

    @Test
    void aUserAddedThroughTheApiIsInvitedWithAnAdminKey() {
        Invited owner = newTenant("Api Invites", "owner-" + UUID.randomUUID() + "@example.com");
        String admin = api().createKey(owner.tenantId(), "read", "write", "admin");
        String writer = api().createKey(owner.tenantId(), "read", "write");
        String email = "cook-" + UUID.randomUUID() + "@example.com";
        String userId = api().post("/api/v1/tenants/" + owner.tenantId() + "/users", admin,
                Map.of("email", email, "role", "editor")).text("id");
        String path = "/api/v1/tenants/" + owner.tenantId() + "/users/" + userId + "/invitation";

        assertThat(api().post(path, writer, null).status()).isEqualTo(403);
        ApiClient.Response invited = api().post(path, admin, null);
        assertThat(invited.status()).isEqualTo(200);
        assertThat(invited.header("Cache-Control")).contains("no-store");
        assertThat(invited.text("email")).isEqualTo(email);

        FormSession session = newSession();
        assertThat(session.submit(invited.text("invite_url"), Map.of("password", PASSWORD, "password_again", PASSWORD))
                .statusCode()).isEqualTo(302);
        assertThat(session.get("/app/calendar").body()).contains(email).contains("editor");
    }

    @Test
    void aWrongPasswordAndAnUnknownAddressAnswerTheSame() {
        Invited owner = newTenant("Same Answer", "owner-" + UUID.randomUUID() + "@example.com");
        newSession().submit(owner.link(), Map.of("password", PASSWORD, "password_again", PASSWORD));

        HttpResponse<String> wrong = newSession().signIn(owner.email(), "not the password at all");
        HttpResponse<String> unknown = newSession().signIn("nobody-" + UUID.randomUUID() + "@example.com", PASSWORD);
        assertThat(wrong.statusCode()).isEqualTo(401);
        assertThat(unknown.statusCode()).isEqualTo(401);
        assertThat(wrong.body()).contains("The e-mail address or the password is not right.");
        assertThat(unknown.body()).contains("The e-mail address or the password is not right.");
        assertThat(newSession().signIn(owner.email(), PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    void anAddressInSeveralTenantsPicksAmongThoseWhosePasswordMatched() {
        String email = "shared-" + UUID.randomUUID() + "@example.com";
        Invited first = newTenant("Picker One", email);
        Invited second = newTenant("Picker Two", email);
        Invited third = newTenant("Picker Three", email);
        newSession().submit(first.link(), Map.of("password", PASSWORD, "password_again", PASSWORD));
        newSession().submit(second.link(), Map.of("password", PASSWORD, "password_again", PASSWORD));
        String other = "another password entirely";
        newSession().submit(third.link(), Map.of("password", other, "password_again", other));

        FormSession session = newSession();
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
        FormSession session = newSession();
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
    void successfulSignInsDoNotCountAgainstTheThrottle() {
        Invited owner = newTenant("Often Back", "often-" + UUID.randomUUID() + "@example.com");
        newSession().submit(owner.link(), Map.of("password", PASSWORD, "password_again", PASSWORD));
        FormSession session = newSession();
        for (int signIn = 0; signIn < 12; signIn++) {
            assertThat(session.signIn(owner.email(), PASSWORD).statusCode()).as("sign-in %d", signIn).isEqualTo(302);
        }

        assertThat(session.signIn(owner.email(), "a mistyped password").statusCode()).isEqualTo(401);
    }

    @Test
    void anotherTenantsFolderIsNotFoundInTheLibrary() {
        Invited first = newTenant("Folder Owner", "folders-" + UUID.randomUUID() + "@example.com");
        String key = api().createKey(first.tenantId(), "read", "write");
        String folder = api().post("/api/v1/tenants/" + first.tenantId() + "/folders", key, Map.of("name", "Desserts"))
                .text("id");
        Invited second = newTenant("Folder Prober", "prober-" + UUID.randomUUID() + "@example.com");
        FormSession session = newSession();
        session.submit(second.link(), Map.of("password", PASSWORD, "password_again", PASSWORD));

        assertThat(api().get("/api/v1/tenants/" + second.tenantId() + "/assets?folder_id=" + folder,
                api().createKey(second.tenantId(), "read")).status()).isEqualTo(404);
        for (String parameter : new String[] {"folder_id", "folder"}) {
            HttpResponse<String> page = session.get("/app/library?" + parameter + "=" + folder);
            assertThat(page.statusCode()).as(parameter).isEqualTo(404);
            assertThat(page.body()).doesNotContain("Desserts");
        }
        assertThat(session.get("/app/library").statusCode()).isEqualTo(200);
    }

    @Test
    void theDashboardRedirectsToSignInAndTheSessionCookieIsHttpOnlyAndSameSite() {
        FormSession session = newSession();
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

    private FormSession newSession() {
        return new FormSession(port);
    }
}
