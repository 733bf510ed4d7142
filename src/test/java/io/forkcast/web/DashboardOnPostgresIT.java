package io.forkcast.web;

import io.forkcast.support.ApiClient;
import io.forkcast.support.FormSession;
import io.forkcast.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard on PostgreSQL with row-level security on: sign-in finds users across tenants (platform work), and
 * every page then runs as the signed-in user's tenant, seeing its rows only.
 */
class DashboardOnPostgresIT extends PostgresIntegrationTest {

    private static final String PASSWORD = "a long enough password";

    @Test
    void everyPageWorksForItsTenantAndShowsNothingOfAnother() {
        FormSession first = owner("Postgres Pizzeria");
        HttpResponse<String> settings = first.get("/app/settings");
        HttpResponse<String> added = first.post("/app/settings/menu-items",
                Map.of("name", "Diavola", "price", "11.50", "currency", "EUR"), settings.body());
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(first.get("/app/settings").body()).contains("Diavola");

        FormSession second = owner("Postgres Osteria");
        for (String page : List.of("/app", "/app/calendar", "/app/calendar?view=week", "/app/calendar?view=list",
                "/app/compose", "/app/library", "/app/accounts", "/app/insights", "/app/settings",
                "/app/insights?days=7", "/app/settings/users", "/app/settings/keys")) {
            HttpResponse<String> response = second.get(page);
            assertThat(response.statusCode()).as(page).isEqualTo(200);
            assertThat(response.body()).as(page).contains("Postgres Osteria").doesNotContain("Postgres Pizzeria");
        }
        assertThat(second.get("/app/settings").body()).doesNotContain("Diavola");
        assertThat(second.get("/app/calendar/posts/" + UUID.randomUUID()).statusCode()).isEqualTo(404);
    }

    private FormSession owner(String restaurant) {
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", restaurant, "email", "owner-" + UUID.randomUUID() + "@example.com", "plan", "pro"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        FormSession session = new FormSession(port);
        HttpResponse<String> accepted = session.submit(created.text("owner_invite_url"),
                Map.of("password", PASSWORD, "password_again", PASSWORD));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(302);
        return session;
    }
}
