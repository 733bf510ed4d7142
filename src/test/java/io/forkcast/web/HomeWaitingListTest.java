package io.forkcast.web;

import io.forkcast.support.ApiClient;
import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.support.FormSession;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The home page's one "Waiting for you" list over HTTP, as each person of the team sees it: a post waiting for
 * approval for the owner (soonest first), a post sent back for changes for the editor who asked for the approval
 * (not for another editor, nor the owner), and the empty state when nothing waits.
 */
class HomeWaitingListTest extends EmbeddedApiTest {

    @Test
    void eachPersonSeesWhatWaitsForThem_soonestFirst() throws Exception {
        Restaurant restaurant = Restaurant.open(api(), port, "Waiting Trattoria");
        assertThat(api().put(restaurant.path("/approval-settings"), restaurant.key(),
                Map.of("editors_need_approval", true)).status()).isEqualTo(200);
        String editorKey = api().createKey(restaurant.tenantId(), "read", "write");
        FormSession owner = restaurant.owner(port);
        FormSession asker = restaurant.user(api(), port, "editor");
        FormSession otherEditor = restaurant.user(api(), port, "editor");
        assertThat(owner.get("/app").body()).contains("id=\"nothing-waiting\"");

        String later = write(restaurant, editorKey, "Truffle risotto this weekend", Duration.ofDays(3));
        String sooner = write(restaurant, editorKey, "Oysters are back tomorrow", Duration.ofDays(1));

        // The owner approves: both posts, the sooner first, each linking to its page.
        String ownerHome = owner.get("/app").body();
        assertThat(ownerHome).doesNotContain("id=\"nothing-waiting\"").contains("Waits for your approval.");
        assertThat(ownerHome.indexOf("/app/calendar/posts/" + sooner))
                .isPositive().isLessThan(ownerHome.indexOf("/app/calendar/posts/" + later));
        // Editors do not approve: nothing waits for them.
        assertThat(asker.get("/app").body()).contains("id=\"nothing-waiting\"")
                .doesNotContain("data-kind=\"approval\"");

        // Sent back, the editor resubmits it from the dashboard, and it is sent back again: now it waits for them.
        sendBack(restaurant, later);
        HttpResponse<String> submitted = asker.submitFrom("/app/calendar/posts/" + later,
                "/app/calendar/posts/" + later + "/approval/submit", Map.of());
        assertThat(submitted.statusCode()).isEqualTo(302);
        sendBack(restaurant, later);
        String askerHome = asker.get("/app").body();
        assertThat(askerHome).contains("data-kind=\"sent-back\"").contains("Sent back to you for changes.")
                .contains("/app/calendar/posts/" + later).contains("Truffle risotto this weekend");
        assertThat(otherEditor.get("/app").body()).contains("id=\"nothing-waiting\"")
                .doesNotContain("Truffle risotto");
        ownerHome = owner.get("/app").body();
        assertThat(ownerHome).doesNotContain("data-kind=\"sent-back\"").doesNotContain("Truffle risotto")
                .contains("Oysters are back tomorrow");
        restaurant.close(api());
    }

    @Test
    void aQueuedPostLeftWithoutAPostingSlotWaitsForTheOwnerWithItsReason() throws Exception {
        Restaurant restaurant = Restaurant.open(api(), port, "Queue Trattoria");
        String slots = restaurant.path("/accounts/" + restaurant.facebook() + "/slots");
        List<Map<String, String>> everyNoon = java.util.stream.Stream.of("monday", "tuesday", "wednesday",
                "thursday", "friday", "saturday", "sunday").map(day -> Map.of("day", day, "time", "12:00")).toList();
        assertThat(api().put(slots, restaurant.key(), Map.of("slots", everyNoon)).status()).isEqualTo(200);
        ApiClient.Response queued = api().post(restaurant.path("/posts"), restaurant.key(), Map.of(
                "caption", "Gnocchi with sage butter", "asset_ids", List.of(restaurant.square()),
                "targets", List.of(Map.of("account_id", restaurant.facebook())), "queue", true));
        assertThat(queued.status()).as(queued.raw().body()).isEqualTo(201);
        FormSession owner = restaurant.owner(port);
        assertThat(owner.get("/app").body()).contains("id=\"nothing-waiting\"");

        // Every slot removed: the post keeps its time, and the owner is asked to give it one or add a slot.
        assertThat(api().put(slots, restaurant.key(), Map.of("slots", List.of())).status()).isEqualTo(200);

        String home = owner.get("/app").body();
        assertThat(home).contains("data-kind=\"off-the-queue\"").contains("Gnocchi with sage butter")
                .contains("so it keeps its time; add a posting slot or give it a time.")
                .contains("/app/calendar/posts/" + queued.text("id"));
        restaurant.close(api());
    }

    private String write(Restaurant restaurant, String key, String caption, Duration in) {
        ApiClient.Response created = api().post(restaurant.path("/posts"), key, Map.of("caption", caption,
                "asset_ids", List.of(restaurant.square()), "targets",
                List.of(Map.of("account_id", restaurant.facebook())), "scheduled_for",
                Instant.now().plus(in).toString()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("pending_approval");
        return created.text("id");
    }

    private void sendBack(Restaurant restaurant, String post) {
        ApiClient.Response back = api().post(restaurant.path("/posts/" + post + "/approval/request-changes"),
                restaurant.key(), Map.of("comment", "Name the farm"));
        assertThat(back.status()).as(back.raw().body()).isEqualTo(200);
    }
}
