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

/**
 * The dashboard's "no dead end" rules over real HTTP, as a browser sends forms (cookies, CSRF field, Referer): a
 * refused form comes back to its page with the message beside the field and what was typed; an unknown address
 * is a page with the navigation; an htmx request gets just the message; roles and tenants still decide first.
 */
class DashboardFormsTest extends EmbeddedApiTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void aRefusedFormGoesBackToItsPageWithTheMessageBesideTheFieldAndWhatWasTyped() {
        FormSession owner = signedInOwner("Dead End Diner");
        HttpResponse<String> refused = owner.submitFrom("/app/settings", "/app/settings/menu-items",
                Map.of("name", "Truffle pizza", "price", "twelve", "currency", "EUR", "description", "Black truffle"));
        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/app/settings");

        String page = owner.get("/app/settings").body();
        assertThat(page).contains("class=\"field-error\"").contains("Price must be a number such as 12.50.")
                .contains("value=\"twelve\"").contains("value=\"Truffle pizza\"").contains("value=\"Black truffle\"")
                .contains("aria-invalid=\"true\"").contains("This was not saved.");
        // The price's message sits beside the price field, and the field points at it.
        String priceField = page.substring(page.indexOf("id=\"m-price\""));
        assertThat(priceField.substring(0, priceField.indexOf('>'))).contains("aria-describedby=\"error-app-settings-menu-items-price\"");
        assertThat(page).contains("id=\"error-app-settings-menu-items-price\"");
        // Nothing was half-written, and the errors are gone on the next visit.
        assertThat(page).doesNotContain("<span>Truffle pizza</span>");
        assertThat(owner.get("/app/settings").body()).doesNotContain("field-error").doesNotContain("twelve");
    }

    @Test
    void aPasswordIsNeverTypedBackIntoAPage() {
        FormSession owner = signedInOwner("Secret Sauce");
        HttpResponse<String> refused = owner.submitFrom("/app/settings/keys", "/app/settings/keys",
                Map.of("name", "", "password", "hunter2-hunter2"));
        assertThat(refused.statusCode()).isEqualTo(303);
        String page = owner.get("/app/settings/keys").body();
        assertThat(page).contains("field-error").doesNotContain("hunter2");
    }

    @Test
    void aFormSentFromNoDashboardPageGetsTheErrorPageWithItsStatus() {
        FormSession owner = signedInOwner("No Referer Bistro");
        HttpResponse<String> refused = owner.post("/app/settings/menu-items", Map.of("name", "Soup", "price", "x"),
                owner.get("/app/settings").body());
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("Price must be a number such as 12.50.").contains("aria-label=\"Main\"");
    }

    @Test
    void anHtmxRequestGetsJustTheMessageToShowInPlace() {
        FormSession owner = signedInOwner("Htmx Hut");
        HttpResponse<String> refused = owner.post("/app/settings/menu-items", Map.of("name", "Soup", "price", "x"),
                owner.get("/app/settings").body(), Map.of("HX-Request", "true", "Referer", "http://localhost:" + port
                        + "/app/settings"));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("role=\"alert\"").contains("Price must be a number")
                .doesNotContain("<html").doesNotContain("<nav");
    }

    @Test
    void anUnknownDashboardAddressIsAFriendlyPageWithTheNavigation() {
        FormSession owner = signedInOwner("Lost Lasagna");
        for (String path : new String[] {"/app/no-such-page", "/app/settings/nothing/here",
                "/app/settings/menu-items"}) {
            HttpResponse<String> page = owner.get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(404);
            assertThat(page.headers().firstValue("Content-Type").orElse("")).as(path).startsWith("text/html");
            assertThat(page.body()).as(path).contains("<h1>Not found</h1>").contains("There is no page at this address")
                    .contains("aria-label=\"Main\"").contains("Lost Lasagna").doesNotContain("request_id");
        }
        // The API keeps its problem documents.
        ApiClient.Response api = api().get("/api/v1/no-such-thing", ApiClient.OPERATOR_TOKEN);
        assertThat(api.status()).isEqualTo(404);
        assertThat(api.contentType().orElse("")).contains("problem+json");
    }

    @Test
    void anotherTenantsIdIsStillNotFoundAndAViewersChangeStillForbidden() {
        FormSession owner = signedInOwner("Own Osteria");
        HttpResponse<String> foreign = owner.submitFrom("/app/settings", "/app/settings/menu-items/" + UUID.randomUUID()
                + "/delete", Map.of());
        assertThat(foreign.statusCode()).isEqualTo(404);
        assertThat(foreign.body()).contains("<h1>Not found</h1>");

        String email = "viewer-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> invited = owner.submitFrom("/app/settings/users", "/app/settings/users",
                Map.of("email", email, "role", "viewer"));
        assertThat(invited.statusCode()).isEqualTo(302);
        String link = invitationLink(owner.get("/app/settings/users").body());
        FormSession viewer = new FormSession(port);
        assertThat(viewer.submit(link, Map.of("password", PASSWORD, "password_again", PASSWORD)).statusCode())
                .isEqualTo(302);
        HttpResponse<String> refused = viewer.submitFrom("/app/settings", "/app/settings/menu-items",
                Map.of("name", "Soup", "price", "x"));
        assertThat(refused.statusCode()).isEqualTo(403);
    }

    @Test
    void aFirstRunChecklistWelcomesTheOwnerUntilTheRestaurantIsSetUp() {
        FormSession owner = signedInOwner("Checklist Chalet");
        String home = owner.get("/app").body();
        assertThat(home).contains("Get your restaurant ready").contains("0 of 5 steps done")
                .contains("Connect your Facebook Page and Instagram account").contains("Nothing is scheduled");
        assertThat(owner.submitFrom("/app/settings", "/app/settings/menu-items",
                Map.of("name", "Soup", "price", "7.50", "currency", "EUR")).statusCode()).isEqualTo(302);
        assertThat(owner.get("/app").body()).contains("1 of 5 steps done");
    }

    // ---------------------------------------------------------------------------------------------------------

    private FormSession signedInOwner(String restaurant) {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", restaurant, "email", email, "plan", "pro"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        FormSession session = new FormSession(port);
        HttpResponse<String> accepted = session.submit(created.text("owner_invite_url"),
                Map.of("password", PASSWORD, "password_again", PASSWORD));
        assertThat(accepted.statusCode()).isEqualTo(302);
        return session;
    }

    private static String invitationLink(String page) {
        int at = page.indexOf("id=\"invitation-url\"");
        String rest = page.substring(page.indexOf('>', at) + 1);
        return URI.create(rest.substring(0, rest.indexOf('<')).strip().replace("&amp;", "&")).toString();
    }
}
