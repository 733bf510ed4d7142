package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A post about a menu item waits while the item is sold out: held as soon as the item is marked sold out (the
 * calendar shows it), with a reason and an e-mail; the owner resumes it once the item is back. Also held at publish
 * time when the item is unavailable then.
 */
class SoldOutItemHoldsPostTest extends SandboxedApiTest {

    private String tenant;
    private String key;
    private Map<String, String> accounts;
    private String asset;
    private String item;

    @BeforeEach
    void connectedTenantWithAnItem() throws Exception {
        tenant = api().createTenant("Burgers " + UUID.randomUUID().toString().substring(0, 8), "basic");
        key = api().createKey(tenant, "read", "write");
        accounts = PostingFixtures.connect(api(), tenant, key);
        asset = PostingFixtures.upload(port, tenant, key);
        ApiClient.Response created = api().post(path("/menu-items"), key, Map.of("name", "Smash burger"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        item = created.text("id");
    }

    @AfterEach
    void disconnect() {
        CLOCK.reset();
        accounts.values().forEach(account -> api().delete(path("/accounts/" + account), key));
    }

    @Test
    void aSoldOutItemHoldsItsScheduledPost_theOwnerResumesItOnceTheItemIsBack() {
        Instant due = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        String post = create(due, "Smash burger tonight");

        ApiClient.Response soldOut = api().put(path("/menu-items/" + item + "/availability"), key,
                Map.of("status", "sold_out"));
        assertThat(soldOut.status()).as(soldOut.raw().body()).isEqualTo(200);
        assertThat(soldOut.text("availability")).isEqualTo("sold_out");

        JsonNode held = PostingFixtures.awaitStatus(api(), tenant, key, post, "held");
        JsonNode failure = PostingFixtures.onlyDelivery(held).path("failure");
        assertThat(failure.path("code").asString()).isEqualTo("menu_item");
        assertThat(failure.path("message").asString()).contains("Smash burger is sold out").contains("resume");
        await().atMost(Duration.ofSeconds(20)).until(() -> api().getText("/sandbox/mail")
                .contains("A post is on hold"));

        // Still sold out: resuming is refused, and nothing moves.
        ApiClient.Response early = api().post(path("/posts/" + post + "/resume"), key, Map.of("when", "next_time"));
        assertThat(early.status()).as(early.raw().body()).isEqualTo(409);
        assertThat(early.body().path("detail").asString()).contains("sold out");

        // Back on the menu: the post waits for the owner's choice, who resumes it at its own time.
        assertThat(api().put(path("/menu-items/" + item + "/availability"), key, Map.of("status", "available"))
                .status()).isEqualTo(200);
        assertThat(api().get(path("/posts/" + post), key).text("status")).isEqualTo("held");
        ApiClient.Response resumed = api().post(path("/posts/" + post + "/resume"), key, Map.of("when", "next_time"));
        assertThat(resumed.status()).as(resumed.raw().body()).isEqualTo(200);
        assertThat(resumed.text("status")).isEqualTo("scheduled");
        JsonNode delivery = PostingFixtures.onlyDelivery(resumed.body());
        assertThat(delivery.path("status").asString()).isEqualTo("scheduled");
        assertThat(delivery.path("failure").isNull() || delivery.path("failure").isMissingNode()).isTrue();
        assertThat(Instant.parse(resumed.text("scheduled_for"))).isEqualTo(due);

        // A post that is not held cannot be resumed.
        assertThat(api().post(path("/posts/" + post + "/resume"), key, null).status()).isEqualTo(409);
    }

    @Test
    void aVisitPostResumesAtItsTimeOnTheNextDayTheRestaurantIsOpen() {
        ZoneId paris = ZoneId.of("Europe/Paris");
        LocalDate monday = LocalDate.of(2027, 3, 22);
        CLOCK.set(monday.atTime(10, 0).atZone(paris).toInstant());
        assertThat(api().patch(path(""), ApiClient.OPERATOR_TOKEN, Map.of("timezone", "Europe/Paris")).status())
                .isEqualTo(200);
        // Open every evening but Tuesday's.
        List<Map<String, String>> weekly = new java.util.ArrayList<>();
        for (String day : List.of("monday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            weekly.add(Map.of("day", day, "opens", "18:00", "closes", "23:00"));
        }
        assertThat(api().put(path("/profile/opening-hours"), key, Map.of("weekly", weekly, "exceptions", List.of()))
                .status()).isEqualTo(200);
        Map<String, Object> body = new HashMap<>();
        body.put("targets", PostingFixtures.targets(accounts.get(PostingFixtures.PAGE)));
        body.put("caption", "Smash burgers at the counter tonight");
        body.put("asset_ids", List.of(asset));
        body.put("scheduled_for", monday + "T19:00:00");
        body.put("menu_item_id", item);
        body.put("intent", "visit");
        ApiClient.Response created = api().post(path("/posts"), key, body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String post = created.text("id");
        assertThat(api().put(path("/menu-items/" + item + "/availability"), key, Map.of("status", "sold_out"))
                .status()).isEqualTo(200);
        PostingFixtures.awaitStatus(api(), tenant, key, post, "held");

        // Back on the menu after Monday's time has passed: the same time on Tuesday would be while closed.
        CLOCK.set(monday.atTime(21, 0).atZone(paris).toInstant());
        assertThat(api().put(path("/menu-items/" + item + "/availability"), key, Map.of("status", "available"))
                .status()).isEqualTo(200);
        ApiClient.Response resumed = api().post(path("/posts/" + post + "/resume"), key, Map.of("when", "next_time"));
        assertThat(resumed.status()).as(resumed.raw().body()).isEqualTo(200);
        assertThat(Instant.parse(resumed.text("scheduled_for")).atZone(paris).toLocalDateTime())
                .isEqualTo(monday.plusDays(2).atTime(19, 0));
    }

    @Test
    void anItemSoldOutWhenThePostsTimeComesHoldsIt_resumedNowOnceBackItIsPublished() {
        Instant until = Instant.now().plusSeconds(12);
        // Sold out until a time before the post: nothing is held when the item is marked.
        assertThat(api().put(path("/menu-items/" + item + "/availability"), key,
                Map.of("status", "sold_out", "until", until.toString())).status()).isEqualTo(200);
        String post = create(Instant.now().plusSeconds(15), "Smash burger is back");
        assertThat(api().get(path("/posts/" + post), key).text("status")).isEqualTo("scheduled");
        // The publish job runs while the restaurant's clock still shows the item sold out.
        CLOCK.set(until.minusSeconds(20));
        // Up to a minute: on a busy machine the publish job may be picked some seconds after its time.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> api().get(path("/posts/" + post), key).text("status")
                .equals("held"));
        JsonNode held = api().get(path("/posts/" + post), key).body();
        assertThat(PostingFixtures.onlyDelivery(held).path("failure").path("code").asString()).isEqualTo("menu_item");
        assertThat(PostingFixtures.onlyDelivery(held).path("attempts")).isEmpty();

        assertThat(api().post(path("/posts/" + post + "/resume"), key, Map.of("when", "now")).status())
                .isEqualTo(409);
        CLOCK.reset();
        await().atMost(Duration.ofSeconds(40)).until(() -> Instant.now().isAfter(until));
        CLOCK.reset();
        ApiClient.Response now = api().post(path("/posts/" + post + "/resume"), key, Map.of("when", "now"));
        assertThat(now.status()).as(now.raw().body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> api().get(path("/posts/" + post), key).text("status")
                .equals("published"));
    }

    @Test
    void availabilityIsValidated_andIsolatedByTenant() {
        String availability = path("/menu-items/" + item + "/availability");
        assertThat(api().put(availability, key, Map.of()).status()).isEqualTo(400);
        assertThat(api().put(availability, key, Map.of("status", "gone")).status()).isEqualTo(400);
        assertThat(api().put(availability, key, Map.of("status", "available",
                "until", Instant.now().plusSeconds(600).toString())).status()).isEqualTo(400);
        assertThat(api().put(availability, key, Map.of("status", "sold_out",
                "until", Instant.now().minusSeconds(600).toString())).status()).isEqualTo(400);
        assertThat(api().put(availability, key, Map.of("status", "available", "season_from", "2027-06-01"))
                .status()).isEqualTo(400);
        assertThat(api().put(availability, key, Map.of("status", "available", "season_from", "2027-09-01",
                "season_to", "2027-06-01")).status()).isEqualTo(400);
        ApiClient.Response season = api().put(availability, key, Map.of("status", "available",
                "season_from", "2027-06-01", "season_to", "2027-09-30"));
        assertThat(season.status()).as(season.raw().body()).isEqualTo(200);
        assertThat(season.text("season_to")).isEqualTo("2027-09-30");
        assertThat(api().put(path("/menu-items/" + UUID.randomUUID() + "/availability"), key,
                Map.of("status", "sold_out")).status()).isEqualTo(404);

        String other = api().createTenant("Other " + UUID.randomUUID().toString().substring(0, 8), "basic");
        String otherKey = api().createKey(other, "read", "write");
        // Another tenant's path with this key: 403; this tenant's item through the other tenant's path: 404.
        assertThat(api().put(availability, otherKey, Map.of("status", "sold_out")).status()).isEqualTo(403);
        assertThat(api().put("/api/v1/tenants/" + other + "/menu-items/" + item + "/availability", otherKey,
                Map.of("status", "sold_out")).status()).isEqualTo(404);
        String post = create(Instant.now().plus(1, ChronoUnit.HOURS), "Isolated");
        assertThat(api().post(path("/posts/" + post + "/resume"), otherKey, null).status()).isEqualTo(403);
        assertThat(api().post("/api/v1/tenants/" + other + "/posts/" + post + "/resume", otherKey, null).status())
                .isEqualTo(404);
        assertThat(api().post(path("/posts/" + post + "/resume"), key, Map.of("when", "later")).status())
                .isEqualTo(400);
        assertThat(api().get(path("/menu-items/" + item), key).text("availability")).isEqualTo("available");
    }

    private String create(Instant at, String caption) {
        Map<String, Object> body = new HashMap<>();
        body.put("targets", PostingFixtures.targets(accounts.get(PostingFixtures.PAGE)));
        body.put("caption", caption);
        body.put("asset_ids", List.of(asset));
        body.put("scheduled_for", at.toString());
        body.put("menu_item_id", item);
        ApiClient.Response created = api().post(path("/posts"), key, body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }

    private String path(String rest) {
        return "/api/v1/tenants/" + tenant + rest;
    }
}
