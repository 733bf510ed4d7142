package io.forkcast.web;

import io.forkcast.accounts.GoogleConnectSteps;
import io.forkcast.support.ApiClient;
import io.forkcast.support.FormSession;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Google listing on the owner's pages over real HTTP, against the Google sandbox: the location's figures on
 * Insights for the chosen period, the menu's state on Google under the menu items with a retry once it failed, and a
 * review left without a reply for two days on the home page until it is answered.
 */
class GoogleListingPagesTest extends SandboxedApiTest {

    private Restaurant restaurant;
    private FormSession owner;
    private String google;

    @BeforeEach
    void openRestaurantWithGoogle() throws Exception {
        restaurant = Restaurant.open(api(), port, "Listing Bistro");
        GoogleConnectSteps steps = new GoogleConnectSteps(api());
        steps.resetSandbox();
        assertThat(steps.connect(restaurant.tenantId(), restaurant.key()).status()).isEqualTo(200);
        owner = restaurant.owner(port);
        google = restaurant.path("/google");
    }

    @Test
    void insightsShowEachLocationsGoogleFiguresForThePeriodChosen() {
        assertThat(owner.get("/app/insights").body()).doesNotContain("Views on Google Search");
        assertThat(api().post(google + "/insights/sync", restaurant.key(), null).status()).isEqualTo(200);

        for (int days : new int[] {30, 7}) {
            LocalDate to = LocalDate.ofInstant(CLOCK.instant(), ZoneOffset.UTC).minusDays(1);
            JsonNode total = api().get(google + "/insights?from=" + to.minusDays(days - 1) + "&to=" + to,
                    restaurant.key()).body().path("locations").get(0).path("total");
            String page = owner.get("/app/insights?days=" + days).body();
            String listing = page.substring(page.indexOf("id=\"google-listing\""), page.indexOf("</section>",
                    page.indexOf("id=\"google-listing\"")));
            assertThat(listing).contains("Your Google listing, last " + days + " days")
                    .contains("<dt>Views on Google Search</dt><dd>" + total.path("search_views").asLong() + "</dd>")
                    .contains("<dt>Views on Google Maps</dt><dd>" + total.path("maps_views").asLong() + "</dd>")
                    .contains("<dt>Calls</dt><dd>" + total.path("calls").asLong() + "</dd>")
                    .contains("<dt>Directions asked</dt><dd>" + total.path("direction_requests").asLong() + "</dd>");
            assertThat(total.path("search_views").asLong()).isPositive();
        }
    }

    @Test
    void aFailedMenuSyncShowsGooglesReasonAndARetryThatPutsTheMenuBackInSync() {
        assertThat(api().post(restaurant.path("/menu-items"), restaurant.key(), Map.of("name", "Burrata"))
                .status()).isEqualTo(201);
        api().put("/sandbox/google/admin/quota", null, Map.of("requests_per_minute", 1));
        assertThat(api().post(google + "/menu-sync", restaurant.key(), null).body().path("items").get(0)
                .path("status").asString()).isEqualTo("failed");

        String failed = googleMenu(owner.get("/app/settings").body());
        assertThat(failed).contains("Google did not take the menu.").contains("quota")
                .contains("id=\"retry-google-menu\"");

        api().put("/sandbox/google/admin/quota", null, Map.of("requests_per_minute", 1000));
        HttpResponse<String> retried = owner.submitFrom("/app/settings", "/app/settings/menu-sync", Map.of());

        assertThat(retried.statusCode()).isEqualTo(302);
        String synced = googleMenu(owner.get("/app/settings").body());
        assertThat(synced).contains("in sync, last sent").contains("(1 dish)").doesNotContain("retry-google-menu")
                .doesNotContain("quota");
    }

    @Test
    void aReviewWithoutAReplyForTwoDaysIsOnTheHomePageUntilAnswered() {
        ApiClient.Response seeded = api().post("/sandbox/google/admin/reviews", null, Map.of("location",
                GoogleConnectSteps.ACCOUNT + "/" + GoogleConnectSteps.LOCATION, "stars", 2,
                "comment", "Slow service.", "reviewer", "Paolo Rossi"));
        assertThat(seeded.status()).isEqualTo(201);
        api().post(google + "/reviews/sync", restaurant.key(), null);
        String id = api().get(google + "/reviews?filter=needs_reply", restaurant.key()).body().path("items").get(0)
                .path("id").asString();
        assertThat(owner.get("/app").body()).doesNotContain("id=\"overdue-reviews\"");

        CLOCK.advance(Duration.ofDays(2).plusHours(1));

        String home = owner.get("/app").body();
        assertThat(home).contains("id=\"overdue-reviews\"")
                .contains("Paolo Rossi (2 stars) has waited more than two days for your reply.")
                .contains("href=\"/app/reviews?tab=waiting#review-" + id + "\"");
        assertThat(owner.get("/app/reviews?tab=waiting").body()).contains("id=\"review-" + id + "\"");

        ApiClient.Response replied = api().put(google + "/reviews/" + id + "/reply", restaurant.key(),
                Map.of("comment", "We are sorry, Paolo: we have more hands on Fridays now."));
        assertThat(replied.status()).as(replied.raw().body()).isEqualTo(200);
        assertThat(owner.get("/app").body()).doesNotContain("id=\"overdue-reviews\"").doesNotContain("Paolo Rossi");
    }

    private static String googleMenu(String settings) {
        int start = settings.indexOf("id=\"google-menu\"");
        assertThat(start).as("the menu's state on Google").isPositive();
        return settings.substring(start, settings.indexOf("</section>", start));
    }
}
