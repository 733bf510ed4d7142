package io.forkcast.queue;

import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Posting slots and the queue over HTTP: a week of slots across the spring DST change in Paris (on the test's
 * clock), the queue filled around a pinned post, moved up when a queued post is cancelled (the pinned one stays),
 * a visit post skipping closed slots, validation and tenant isolation.
 */
class QueueApiTest extends SandboxedApiTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** The Monday before the last Sunday of March 2027 (the 28th), when Paris moves from +01:00 to +02:00. */
    private static final LocalDate MONDAY = LocalDate.of(2027, 3, 22);

    private final List<String> accountIds = new ArrayList<>();
    private String tenant;
    private String key;
    private String instagram;
    private String page;
    private String asset;

    @BeforeEach
    void restaurantInParis() throws Exception {
        CLOCK.set(MONDAY.atTime(8, 0).atZone(PARIS).toInstant());
        tenant = api().createTenant("Queue Bistro " + System.nanoTime(), "pro");
        key = api().createKey(tenant, "read", "write");
        assertThat(api().patch("/api/v1/tenants/" + tenant, OPERATOR_TOKEN, Map.of("timezone", "Europe/Paris"))
                .status()).isEqualTo(200);
        Map<String, String> accounts = PostingFixtures.connect(api(), tenant, key);
        accountIds.addAll(accounts.values());
        instagram = accounts.get(PostingFixtures.INSTAGRAM);
        page = accounts.get(PostingFixtures.PAGE);
        asset = PostingFixtures.upload(port, tenant, key);
    }

    @AfterEach
    void disconnect() {
        accountIds.forEach(account -> api().delete("/api/v1/tenants/" + tenant + "/accounts/" + account, key));
        CLOCK.reset();
    }

    @Test
    void aWeekOfSlotsAcrossTheSpringChangeKeepsTheirLocalTimes() {
        List<Map<String, String>> week = new ArrayList<>();
        for (String day : List.of("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")) {
            week.add(Map.of("day", day, "time", "12:00"));
        }
        week.add(Map.of("day", "sunday", "time", "02:30"));
        ApiClient.Response put = api().put(slots(instagram), key, Map.of("slots", week));
        assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
        assertThat(put.body().path("items")).hasSize(8);
        assertThat(put.body().path("items").get(0).path("day").asString()).isEqualTo("monday");

        List<Instant> times = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            times.add(Instant.parse(queue(instagram, "Lunch " + i).path("scheduled_for").asString()));
        }
        List<Instant> expected = new ArrayList<>();
        for (LocalDate day = MONDAY; expected.size() < 9; day = day.plusDays(1)) {
            if (day.equals(LocalDate.of(2027, 3, 28))) {
                // 02:30 does not exist that night in Paris: the slot goes out just after the gap, at 03:30 (+02:00).
                expected.add(Instant.parse("2027-03-28T01:30:00Z"));
            }
            expected.add(ZonedDateTime.of(day, LocalTime.NOON, PARIS).toInstant());
        }
        assertThat(times).containsExactlyElementsOf(expected.subList(0, 9));
        // Noon is 11:00 UTC before the change and 10:00 UTC after it.
        assertThat(times.get(5)).isEqualTo(Instant.parse("2027-03-27T11:00:00Z"));
        assertThat(times.get(7)).isEqualTo(Instant.parse("2027-03-28T10:00:00Z"));
        assertThat(times.get(8)).isEqualTo(Instant.parse("2027-03-29T10:00:00Z"));
    }

    @Test
    void theQueueFillsAroundAPinnedPostAndMovesUpWhenAQueuedPostLeaves() {
        assertThat(api().put(slots(instagram), key, Map.of("slots", List.of(
                Map.of("day", "monday", "time", "12:00"), Map.of("day", "monday", "time", "18:00"),
                Map.of("day", "tuesday", "time", "12:00"), Map.of("day", "tuesday", "time", "18:00"))))
                .status()).isEqualTo(200);
        ApiClient.Response pinned = api().post(posts(), key, Map.of("targets", PostingFixtures.targets(instagram),
                "caption", "Pinned tasting menu", "asset_ids", List.of(asset),
                "scheduled_for", MONDAY + "T18:00:00"));
        assertThat(pinned.status()).as(pinned.raw().body()).isEqualTo(201);
        assertThat(pinned.body().path("pinned").asBoolean()).isTrue();

        JsonNode a = queue(instagram, "Queued A");
        JsonNode b = queue(instagram, "Queued B");
        JsonNode c = queue(instagram, "Queued C");
        assertThat(a.path("pinned").asBoolean()).isFalse();
        assertThat(local(a)).isEqualTo(MONDAY.atTime(12, 0).toString());
        assertThat(local(b)).isEqualTo(MONDAY.plusDays(1).atTime(12, 0).toString());
        assertThat(local(c)).isEqualTo(MONDAY.plusDays(1).atTime(18, 0).toString());

        assertThat(api().delete(posts() + "/" + a.path("id").asString(), key).status()).isEqualTo(200);
        // B takes A's slot; C takes B's; the pinned post keeps Monday 18:00 although C could have gone there.
        assertThat(local(get(b))).isEqualTo(MONDAY.atTime(12, 0).toString());
        assertThat(local(get(c))).isEqualTo(MONDAY.plusDays(1).atTime(12, 0).toString());
        assertThat(local(get(pinned.body()))).isEqualTo(MONDAY.atTime(18, 0).toString());
        assertThat(get(c).path("deliveries").get(0).path("status").asString()).isEqualTo("scheduled");

        // The owner gives C a time: pinned there from now on; the queue then moves nothing into its place.
        ApiClient.Response moved = api().patch(posts() + "/" + c.path("id").asString(), key,
                Map.of("scheduled_for", MONDAY.plusDays(3) + "T09:15:00"));
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
        assertThat(moved.body().path("pinned").asBoolean()).isTrue();
        assertThat(api().delete(posts() + "/" + b.path("id").asString(), key).status()).isEqualTo(200);
        assertThat(local(get(c))).isEqualTo(MONDAY.plusDays(3).atTime(9, 15).toString());
        JsonNode d = queue(instagram, "Queued D");
        assertThat(local(d)).isEqualTo(MONDAY.atTime(12, 0).toString());
    }

    @Test
    void removingASlotMovesItsQueuedPostsToTheNextFreeSlot_withNoSlotLeftTheyKeepTheirTimeAndSayWhy() {
        ApiClient.Response week = api().put(slots(instagram), key, Map.of("slots", List.of(
                Map.of("day", "monday", "time", "12:00"), Map.of("day", "monday", "time", "18:00"),
                Map.of("day", "tuesday", "time", "12:00"), Map.of("day", "tuesday", "time", "18:00"))));
        assertThat(week.status()).as(week.raw().body()).isEqualTo(200);
        String mondayNoon = week.body().path("items").get(0).path("id").asString();
        JsonNode a = queue(instagram, "Queued A");
        JsonNode b = queue(instagram, "Queued B");
        JsonNode c = queue(instagram, "Queued C");
        assertThat(local(a)).isEqualTo(MONDAY.atTime(12, 0).toString());

        assertThat(api().delete(slots(instagram) + "/" + mondayNoon, key).status()).isEqualTo(204);
        // A's slot is gone: A takes the next slot free on its account (B and C keep theirs).
        JsonNode movedA = get(a);
        assertThat(local(movedA)).isEqualTo(MONDAY.plusDays(1).atTime(18, 0).toString());
        assertThat(movedA.path("pinned").asBoolean()).isFalse();
        assertThat(movedA.path("queue_note").isNull() || movedA.path("queue_note").isMissingNode()).isTrue();
        assertThat(movedA.path("deliveries").get(0).path("status").asString()).isEqualTo("scheduled");
        assertThat(local(get(b))).isEqualTo(MONDAY.atTime(18, 0).toString());
        assertThat(local(get(c))).isEqualTo(MONDAY.plusDays(1).atTime(12, 0).toString());
        // Its publish job moved with it: a post queued now finds that time taken and the next week's Monday free.
        assertThat(local(queue(instagram, "Queued D"))).isEqualTo(MONDAY.plusDays(7).atTime(18, 0).toString());

        // Every slot removed: nowhere to go, so the queued posts keep their times and the owner reads why.
        assertThat(api().put(slots(instagram), key, Map.of("slots", List.of())).status()).isEqualTo(200);
        JsonNode strandedB = get(b);
        assertThat(local(strandedB)).isEqualTo(MONDAY.atTime(18, 0).toString());
        assertThat(strandedB.path("queue_note").asString()).contains("posting slot").contains("keeps its time");
        // Given a time by the owner, the post is pinned and the note goes.
        ApiClient.Response pinned = api().patch(posts() + "/" + b.path("id").asString(), key,
                Map.of("scheduled_for", MONDAY.plusDays(2) + "T12:00:00"));
        assertThat(pinned.status()).as(pinned.raw().body()).isEqualTo(200);
        assertThat(pinned.body().path("queue_note").isNull() || pinned.body().path("queue_note").isMissingNode())
                .isTrue();
    }

    @Test
    void changingTheTimeZoneMovesQueuedPostsToTheirSlotsNewInstants_pinnedPostsKeepTheirs() {
        ZoneId newYork = ZoneId.of("America/New_York");
        assertThat(api().put(slots(instagram), key, Map.of("slots", List.of(
                Map.of("day", "monday", "time", "12:00"), Map.of("day", "tuesday", "time", "12:00"))))
                .status()).isEqualTo(200);
        JsonNode a = queue(instagram, "Queued A");
        JsonNode b = queue(instagram, "Queued B");
        ApiClient.Response pinned = api().post(posts(), key, Map.of("targets", PostingFixtures.targets(instagram),
                "caption", "Pinned tasting menu", "asset_ids", List.of(asset),
                "scheduled_for", MONDAY.plusDays(2) + "T09:00:00"));
        assertThat(pinned.status()).as(pinned.raw().body()).isEqualTo(201);
        Instant pinnedAt = Instant.parse(pinned.body().path("scheduled_for").asString());

        assertThat(api().patch("/api/v1/tenants/" + tenant, OPERATOR_TOKEN, Map.of("timezone", newYork.getId()))
                .status()).isEqualTo(200);
        // Noon on Monday and Tuesday, now in New York (16:00 UTC: it is on summer time already).
        assertThat(Instant.parse(get(a).path("scheduled_for").asString()))
                .isEqualTo(ZonedDateTime.of(MONDAY, LocalTime.NOON, newYork).toInstant())
                .isEqualTo(Instant.parse("2027-03-22T16:00:00Z"));
        assertThat(Instant.parse(get(b).path("scheduled_for").asString()))
                .isEqualTo(ZonedDateTime.of(MONDAY.plusDays(1), LocalTime.NOON, newYork).toInstant());
        assertThat(Instant.parse(get(pinned.body()).path("scheduled_for").asString())).isEqualTo(pinnedAt);
        // Back to Paris: back to noon there.
        assertThat(api().patch("/api/v1/tenants/" + tenant, OPERATOR_TOKEN, Map.of("timezone", "Europe/Paris"))
                .status()).isEqualTo(200);
        assertThat(local(get(a))).isEqualTo(MONDAY.atTime(12, 0).toString());
        assertThat(local(get(b))).isEqualTo(MONDAY.plusDays(1).atTime(12, 0).toString());
    }

    @Test
    void targetsSharingSlotsGetOneTimeFreeOnBoth() {
        api().put(slots(instagram), key, Map.of("slots", List.of(Map.of("day", "monday", "time", "12:00"),
                Map.of("day", "monday", "time", "19:00"))));
        api().put(slots(page), key, Map.of("slots", List.of(Map.of("day", "monday", "time", "19:00"),
                Map.of("day", "tuesday", "time", "09:00"))));
        JsonNode first = queue(instagram, "Instagram only");
        assertThat(local(first)).isEqualTo(MONDAY.atTime(12, 0).toString());
        ApiClient.Response both = api().post(posts(), key, Map.of("targets", PostingFixtures.targets(instagram, page),
                "caption", "Both networks", "asset_ids", List.of(asset), "queue", true));
        assertThat(both.status()).as(both.raw().body()).isEqualTo(201);
        assertThat(local(both.body())).isEqualTo(MONDAY.atTime(19, 0).toString());
        assertThat(both.body().path("deliveries")).hasSize(2);
    }

    @Test
    void aVisitPostSkipsSlotsWhileTheRestaurantIsClosed() {
        assertThat(api().put("/api/v1/tenants/" + tenant + "/profile/opening-hours", key, Map.of(
                "weekly", List.of(Map.of("day", "monday", "opens", "18:00", "closes", "23:00")),
                "exceptions", List.of())).status()).isEqualTo(200);
        api().put(slots(instagram), key, Map.of("slots", List.of(Map.of("day", "monday", "time", "12:00"),
                Map.of("day", "monday", "time", "19:00"))));
        ApiClient.Response visit = api().post(posts(), key, Map.of("targets", PostingFixtures.targets(instagram),
                "caption", "Come in tonight", "asset_ids", List.of(asset), "queue", true, "intent", "visit"));
        assertThat(visit.status()).as(visit.raw().body()).isEqualTo(201);
        assertThat(local(visit.body())).isEqualTo(MONDAY.atTime(19, 0).toString());
        assertThat(local(queue(instagram, "General news"))).isEqualTo(MONDAY.atTime(12, 0).toString());
    }

    @Test
    void slotsAndQueuedPostsAreValidated() {
        assertThat(api().post(slots(instagram), key, Map.of("day", "someday", "time", "12:00")).status())
                .isEqualTo(400);
        assertThat(api().post(slots(instagram), key, Map.of("day", "monday")).status()).isEqualTo(400);
        assertThat(api().post(slots(instagram), key, Map.of("day", "monday", "time", "25:00")).status())
                .isEqualTo(400);
        assertThat(api().put(slots(instagram), key, Map.of()).status()).isEqualTo(400);
        ApiClient.Response none = api().post(posts(), key, Map.of("targets", PostingFixtures.targets(instagram),
                "caption", "Nowhere to go", "asset_ids", List.of(asset), "queue", true));
        assertThat(none.status()).as(none.raw().body()).isEqualTo(422);
        assertThat(none.text("detail")).contains("add posting slots");
        ApiClient.Response added = api().post(slots(instagram), key, Map.of("day", "monday", "time", "12:00"));
        assertThat(added.status()).isEqualTo(201);
        assertThat(api().post(slots(instagram), key, Map.of("day", "monday", "time", "12:00")).status())
                .isEqualTo(409);
        ApiClient.Response both = api().post(posts(), key, Map.of("targets", PostingFixtures.targets(instagram),
                "caption", "Twice timed", "asset_ids", List.of(asset), "queue", true,
                "scheduled_for", MONDAY + "T15:00:00"));
        assertThat(both.status()).isEqualTo(400);
        assertThat(api().get(posts() + "?status=scheduled", key).body().path("items")).isEmpty();
        assertThat(api().delete(slots(instagram) + "/" + added.text("id"), key).status()).isEqualTo(204);
        assertThat(api().delete(slots(instagram) + "/" + added.text("id"), key).status()).isEqualTo(404);
        ApiClient.Response suggestions = api().get(slots(instagram) + "/suggestions", key);
        assertThat(suggestions.status()).isEqualTo(200);
        assertThat(suggestions.body().path("slots")).isEmpty();
    }

    @Test
    void slotsStayWithinTheirTenant() {
        String other = api().createTenant("Other Queue " + System.nanoTime(), "pro");
        String otherKey = api().createKey(other, "read", "write");
        ApiClient.Response added = api().post(slots(instagram), key, Map.of("day", "friday", "time", "18:00"));
        assertThat(added.status()).isEqualTo(201);
        // Another tenant's key on this tenant's path: 403.
        assertThat(api().get(slots(instagram), otherKey).status()).isEqualTo(403);
        assertThat(api().post(slots(instagram), otherKey, Map.of("day", "friday", "time", "19:00")).status())
                .isEqualTo(403);
        // This tenant's account id on the other tenant's path: 404, for every operation.
        String elsewhere = "/api/v1/tenants/" + other + "/accounts/" + instagram + "/slots";
        assertThat(api().get(elsewhere, otherKey).status()).isEqualTo(404);
        assertThat(api().put(elsewhere, otherKey, Map.of("slots", List.of())).status()).isEqualTo(404);
        assertThat(api().post(elsewhere, otherKey, Map.of("day", "friday", "time", "19:00")).status())
                .isEqualTo(404);
        assertThat(api().delete(elsewhere + "/" + added.text("id"), otherKey).status()).isEqualTo(404);
        assertThat(api().get(elsewhere + "/suggestions", otherKey).status()).isEqualTo(404);
        // A slot of one account under another account's path: 404, and it stays.
        assertThat(api().delete(slots(page) + "/" + added.text("id"), key).status()).isEqualTo(404);
        assertThat(api().get(slots(instagram), key).body().path("items")).hasSize(1);
    }

    private JsonNode queue(String account, String caption) {
        Map<String, Object> body = new HashMap<>(Map.of("targets", PostingFixtures.targets(account),
                "caption", caption, "asset_ids", List.of(asset), "queue", true));
        ApiClient.Response created = api().post(posts(), key, body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.body();
    }

    private JsonNode get(JsonNode post) {
        ApiClient.Response read = api().get(posts() + "/" + post.path("id").asString(), key);
        assertThat(read.status()).isEqualTo(200);
        return read.body();
    }

    private static String local(JsonNode post) {
        return Instant.parse(post.path("scheduled_for").asString()).atZone(PARIS).toLocalDateTime().toString();
    }

    private String slots(String account) {
        return "/api/v1/tenants/" + tenant + "/accounts/" + account + "/slots";
    }

    private String posts() {
        return "/api/v1/tenants/" + tenant + "/posts";
    }
}
