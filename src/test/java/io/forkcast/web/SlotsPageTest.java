package io.forkcast.web;

import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.support.FormSession;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The posting slots page and compose's queue and repeat controls over real HTTP, as a browser sends them: a slot
 * added and shown, a mistyped time sent back with nothing saved, a post added to the queue landing in the slot, a
 * repeated post put on the calendar.
 */
class SlotsPageTest extends EmbeddedApiTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Test
    void theOwnerAddsSlotsAndComposeAddsAPostToTheQueue() throws Exception {
        Restaurant restaurant = Restaurant.open(api(), port, "Slots Bistro");
        FormSession owner = restaurant.owner(port);
        try {
            assertThat(owner.get("/app/settings/slots").body()).contains("Posting slots").contains("No slots yet");
            for (String day : new String[] {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                    "sunday"}) {
                HttpResponse<String> added = owner.submitFrom("/app/settings/slots",
                        "/app/settings/slots/" + restaurant.instagram(), Map.of("day", day, "time", "12:30"));
                assertThat(added.statusCode()).isEqualTo(302);
            }
            String page = owner.get("/app/settings/slots").body();
            assertThat(page).contains("Slot added: sunday at 12:30.").contains("12:30 ✕");
            assertThat(api().get(restaurant.path("/accounts/" + restaurant.instagram() + "/slots"), restaurant.key())
                    .body().path("items")).hasSize(7);

            HttpResponse<String> refused = owner.submitFrom("/app/settings/slots",
                    "/app/settings/slots/" + restaurant.instagram(), Map.of("day", "monday", "time", "half past"));
            assertThat(refused.statusCode()).isEqualTo(303);
            assertThat(owner.get("/app/settings/slots").body()).contains("Give a time such as 18:30.");
            assertThat(api().get(restaurant.path("/accounts/" + restaurant.instagram() + "/slots"), restaurant.key())
                    .body().path("items")).hasSize(7);

            assertThat(owner.get("/app/compose").body()).contains("id=\"add-to-queue\"").contains("Repeat this post");
            HttpResponse<String> queued = owner.submitFrom("/app/compose", "/app/compose/queue", Map.of(
                    "account_ids", restaurant.instagram(), "asset_ids", restaurant.square(),
                    "caption", "Lunch is served", "intent", "general"));
            assertThat(queued.statusCode()).isEqualTo(302);
            JsonNode post = api().get(restaurant.path("/posts?status=scheduled"), restaurant.key()).body()
                    .path("items").get(0);
            assertThat(post.path("pinned").asBoolean()).isFalse();
            assertThat(Instant.parse(post.path("scheduled_for").asString()).atZone(PARIS).toLocalTime())
                    .isEqualTo(LocalTime.of(12, 30));

            Map<String, String> repeat = new HashMap<>(Map.of("account_ids", restaurant.instagram(),
                    "asset_ids", restaurant.square(), "caption", "", "repeat_subject", "Fish Friday",
                    "repeat_days", "friday", "repeat_time", "18:00", "repeat_count", "3"));
            HttpResponse<String> repeated = owner.submitFrom("/app/compose", "/app/compose/repeat", repeat);
            assertThat(repeated.statusCode()).isEqualTo(302);
            JsonNode recurrence = api().get(restaurant.path("/recurrences"), restaurant.key()).body().path("items")
                    .get(0);
            assertThat(recurrence.path("subject").asString()).isEqualTo("Fish Friday");
            assertThat(recurrence.path("created").asInt()).isBetween(1, 2);

            repeat.put("repeat_subject", "");
            HttpResponse<String> noSubject = owner.submitFrom("/app/compose", "/app/compose/repeat", repeat);
            assertThat(noSubject.statusCode()).isEqualTo(303);
            assertThat(api().get(restaurant.path("/recurrences"), restaurant.key()).body().path("items")).hasSize(1);
        } finally {
            restaurant.close(api());
        }
    }
}
