package io.forkcast.web;

import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.support.FormSession;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard's side of autopilot over real HTTP, as a browser sends it: one click marks a dish sold out on the
 * menu, the home page shows the post that waits for it with resume and drop, and the Autopilot page saves the
 * week's specials, an event (which then shows up in "coming up") and writes a draft for it in one click.
 */
class AutopilotPagesTest extends EmbeddedApiTest {

    @Test
    void oneClickSoldOut_holdsThePost_theHomePageOffersResumeAndDrop() throws Exception {
        Restaurant restaurant = Restaurant.open(api(), port, "Sold Out Bistro");
        FormSession owner = restaurant.owner(port);
        String item = api().post(restaurant.path("/menu-items"), restaurant.key(), Map.of("name", "Tarte Tatin"))
                .text("id");
        var created = api().post(restaurant.path("/posts"), restaurant.key(), Map.of("caption", "Tarte Tatin today",
                "asset_ids", List.of(restaurant.square()), "targets", List.of(Map.of("account_id",
                        restaurant.facebook())), "scheduled_for", Instant.now().plus(3, ChronoUnit.HOURS).toString(),
                "menu_item_id", item));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String post = created.text("id");

        HttpResponse<String> soldOut = owner.submitFrom("/app/settings",
                "/app/settings/menu-items/" + item + "/availability", Map.of("status", "sold_out"));
        assertThat(soldOut.statusCode()).isEqualTo(302);
        assertThat(owner.get("/app/settings").body()).contains("Tarte Tatin is sold out").contains("Back on the menu");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> owner.get("/app").body().contains("data-kind=\"held-for-dish\""));
        String home = owner.get("/app").body();
        assertThat(home).contains("Tarte Tatin is sold out").contains("Resume at its next time").contains("Drop");

        // Resuming while it is still sold out is refused with the reason; back on the menu, it resumes.
        owner.submitFrom("/app", "/app/autopilot/posts/" + post + "/resume", Map.of("when", "next_time"));
        assertThat(api().get(restaurant.path("/posts/" + post), restaurant.key()).text("status")).isEqualTo("held");
        owner.submitFrom("/app/settings", "/app/settings/menu-items/" + item + "/availability",
                Map.of("status", "available"));
        HttpResponse<String> resumed = owner.submitFrom("/app", "/app/autopilot/posts/" + post + "/resume",
                Map.of("when", "next_time"));
        assertThat(resumed.statusCode()).isEqualTo(302);
        assertThat(api().get(restaurant.path("/posts/" + post), restaurant.key()).text("status"))
                .isEqualTo("scheduled");
        assertThat(owner.get("/app").body()).doesNotContain("data-kind=\"held-for-dish\"")
                .contains("id=\"nothing-waiting\"");
        restaurant.close(api());
    }

    @Test
    void theAutopilotPageSavesSpecialsAndAnEvent_andDraftsAPostForItInOneClick() throws Exception {
        Restaurant restaurant = Restaurant.open(api(), port, "Specials Bistro");
        FormSession owner = restaurant.owner(port);
        String item = api().post(restaurant.path("/menu-items"), restaurant.key(), Map.of("name", "Cassoulet"))
                .text("id");
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Paris"));
        assertThat(owner.get("/app/autopilot").body()).contains("This week's specials").contains("Cassoulet");

        HttpResponse<String> saved = owner.submitFrom("/app/autopilot", "/app/autopilot/specials/" + today.plusDays(1),
                Map.of("menu_item_id", item));
        assertThat(saved.statusCode()).isEqualTo(302);
        assertThat(api().get(restaurant.path("/autopilot/specials?from=" + today + "&to=" + today.plusDays(2)),
                restaurant.key()).body().path("items").get(0).path("menu_item_id").asString()).isEqualTo(item);

        owner.submitFrom("/app/autopilot", "/app/autopilot/events", Map.of("name", "Wine tasting",
                "date", today.plusDays(3).toString(), "note", ""));
        assertThat(owner.get("/app").body()).contains("Holidays and events ahead").contains("Wine tasting");
        HttpResponse<String> drafted = owner.submitFrom("/app", "/app/autopilot/occasions/draft",
                Map.of("date", today.plusDays(3).toString(), "occasion", "Wine tasting"));
        assertThat(drafted.statusCode()).isEqualTo(302);
        String page = owner.get("/app/autopilot").body();
        assertThat(page).contains("Posts waiting for your approval").contains("Approve and publish")
                .contains("Wine tasting");

        // A mistyped event comes back beside its field, nothing saved.
        HttpResponse<String> refused = owner.submitFrom("/app/autopilot", "/app/autopilot/events",
                Map.of("name", "Jazz night", "date", "next friday", "note", ""));
        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(owner.get("/app/autopilot").body()).contains("must be a date such as");
        assertThat(api().get(restaurant.path("/autopilot/events"), restaurant.key()).body().path("items")).hasSize(1);
        restaurant.close(api());
    }
}
