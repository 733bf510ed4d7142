package io.forkcast.web;

import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.support.FormSession;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hours editor of Settings over real HTTP, as a browser sends it: the week and the exceptions saved (and read by
 * the API), the week view with an exception applied, a mistyped range sent back beside its field with nothing saved.
 */
class OpeningHoursPageTest extends EmbeddedApiTest {

    @Test
    void theOwnerSetsTheWeekAndAHolidayAndSeesThemInTheWeekView() throws Exception {
        Restaurant restaurant = Restaurant.open(api(), port, "Hours Bistro");
        FormSession owner = restaurant.owner(port);
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(1);
        Map<String, String> fields = new java.util.HashMap<>();
        for (String day : new String[] {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                "sunday"}) {
            fields.put("hours_" + day, "12:00-14:30, 18h30-01.00");
        }
        fields.put("exceptions", tomorrow + " closed Family wedding");

        HttpResponse<String> saved = owner.submitFrom("/app/settings", "/app/settings/hours", fields);

        assertThat(saved.statusCode()).isEqualTo(302);
        String page = owner.get("/app/settings").body();
        assertThat(page).contains("Opening hours saved.").contains("value=\"12:00-14:30, 18:30-01:00\"")
                .contains(tomorrow + " closed Family wedding").contains("12:00–14:30, 18:30–01:00");
        String week = page.substring(page.indexOf("id=\"week-view\""), page.indexOf("</ul>",
                page.indexOf("id=\"week-view\"")));
        assertThat(week).contains("Closed").contains("Family wedding");
        var api = api().get(restaurant.path("/profile/opening-hours"), restaurant.key()).body();
        assertThat(api.path("weekly")).hasSize(14);
        assertThat(api.path("exceptions").get(0).path("note").asString()).isEqualTo("Family wedding");
    }

    @Test
    void aMistypedRangeComesBackBesideItsFieldAndNothingIsSaved() throws Exception {
        Restaurant restaurant = Restaurant.open(api(), port, "Typo Bistro");
        FormSession owner = restaurant.owner(port);

        HttpResponse<String> refused = owner.submitFrom("/app/settings", "/app/settings/hours",
                Map.of("hours_friday", "18:00 till late", "exceptions", ""));

        assertThat(refused.statusCode()).isEqualTo(303);
        String page = owner.get("/app/settings").body();
        assertThat(page).contains("is not a range such as 18:00-23:00").contains("value=\"18:00 till late\"")
                .contains("id=\"error-app-settings-hours-hours_friday\"");
        assertThat(api().get(restaurant.path("/profile/opening-hours"), restaurant.key()).body().path("weekly"))
                .isEmpty();
    }

    @Test
    void composeRefusesAComeInPostForAClosedTimeWithTheNextOpeningAndTakesItForOpenTime() throws Exception {
        Restaurant restaurant = Restaurant.open(api(), port, "Compose Bistro");
        java.util.List<Map<String, String>> week = new java.util.ArrayList<>();
        for (String day : new String[] {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                "sunday"}) {
            week.add(Map.of("day", day, "opens", "18:00", "closes", "23:00"));
        }
        assertThat(api().put(restaurant.path("/profile/opening-hours"), restaurant.key(), Map.of("weekly", week))
                .status()).isEqualTo(200);
        FormSession owner = restaurant.owner(port);
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Europe/Paris")).plusDays(1);
        Map<String, String> fields = new java.util.HashMap<>(Map.of("account_ids", restaurant.facebook(),
                "asset_ids", restaurant.square(), "caption", "Come in for soup", "when", "later",
                "local_time", tomorrow + "T02:00", "intent", "visit"));

        HttpResponse<String> refused = owner.submitFrom("/app/compose", "/app/compose", fields);

        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(owner.get("/app/compose").body()).contains("The restaurant is closed on")
                .contains("The next time it is open: " + java.time.format.DateTimeFormatter.ofPattern(
                        "EEEE d MMMM", java.util.Locale.ENGLISH).format(tomorrow) + " at 18:00");

        fields.put("local_time", tomorrow + "T19:00");
        HttpResponse<String> accepted = owner.submitFrom("/app/compose", "/app/compose", fields);

        assertThat(accepted.statusCode()).isEqualTo(302);
        assertThat(accepted.headers().firstValue("Location").orElseThrow()).contains("/app/calendar/posts/");
    }
}
