package io.forkcast.queue;

import io.forkcast.captions.Captions;
import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recurring posts over HTTP: eight weekly occurrences across the spring DST change in Paris, created ahead of time
 * on the test's clock (half at once, half when the job runs two weeks later), each an ordinary scheduled post at
 * 11:00 local with its own caption (measured with the captions' similarity) and the next photo; pausing, resuming
 * and ending; validation and tenant isolation.
 */
class RecurrenceApiTest extends SandboxedApiTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** The Monday before the last Sunday of March 2027 (the 28th), when Paris moves from +01:00 to +02:00. */
    private static final LocalDate MONDAY = LocalDate.of(2027, 3, 22);

    @Autowired
    Recurrences recurrences;

    private final List<String> accountIds = new ArrayList<>();
    private String tenant;
    private String key;
    private String instagram;

    @BeforeEach
    void restaurantInParis() {
        CLOCK.set(MONDAY.atTime(10, 0).atZone(PARIS).toInstant());
        tenant = api().createTenant("Recurring Bistro " + System.nanoTime(), "pro");
        key = api().createKey(tenant, "read", "write");
        assertThat(api().patch("/api/v1/tenants/" + tenant, OPERATOR_TOKEN, Map.of("timezone", "Europe/Paris"))
                .status()).isEqualTo(200);
        Map<String, String> accounts = PostingFixtures.connect(api(), tenant, key);
        accountIds.addAll(accounts.values());
        instagram = accounts.get(PostingFixtures.INSTAGRAM);
    }

    @AfterEach
    void disconnect() {
        accountIds.forEach(account -> api().delete("/api/v1/tenants/" + tenant + "/accounts/" + account, key));
        CLOCK.reset();
    }

    @Test
    void eightWeeklyOccurrencesAcrossTheSpringChangeEachWithItsOwnCaptionAndTheNextPhoto() throws Exception {
        String square = PostingFixtures.upload(port, tenant, key, 1080, 1080);
        String portrait = PostingFixtures.upload(port, tenant, key, 1080, 1350);
        ApiClient.Response item = api().post("/api/v1/tenants/" + tenant + "/menu-items", key, Map.of(
                "name", "Burrata", "description", "Creamy burrata with heirloom tomatoes and basil oil",
                "price", 12.5, "currency", "EUR"));
        assertThat(item.status()).as(item.raw().body()).isEqualTo(201);
        ApiClient.Response created = api().post(recurrences(), key, Map.of("kind", "weekly",
                "days", List.of("sunday", "friday"), "time", "11:00", "count", 8, "account_ids", List.of(instagram),
                "asset_ids", List.of(square, portrait), "menu_item_id", item.text("id"),
                "occasion", "weekend brunch"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        // The request creates the first (Friday 26); the job the others due within the 14-day look-ahead: Sunday 28
        // (the change), Friday 2 and Sunday 4 April.
        assertThat(created.body().path("created").asInt()).isEqualTo(1);
        assertThat(created.body().path("status").asString()).isEqualTo("active");
        assertThat(created.body().path("days").toString()).isEqualTo("[\"friday\",\"sunday\"]");
        recurrences.fillAll();
        assertThat(api().get(recurrences() + "/" + created.text("id"), key).body().path("created").asInt())
                .isEqualTo(4);

        CLOCK.set(CLOCK.instant().plus(Duration.ofDays(14)));
        recurrences.fillAll();
        recurrences.fillAll();

        JsonNode recurrence = api().get(recurrences() + "/" + created.text("id"), key).body();
        assertThat(recurrence.path("created").asInt()).isEqualTo(8);
        assertThat(recurrence.path("status").asString()).isEqualTo("ended");
        List<Instant> expected = new ArrayList<>();
        for (LocalDate day = MONDAY; expected.size() < 8; day = day.plusDays(1)) {
            if (day.getDayOfWeek().getValue() == 5 || day.getDayOfWeek().getValue() == 7) {
                expected.add(ZonedDateTime.of(day, LocalTime.of(11, 0), PARIS).toInstant());
            }
        }
        // 11:00 in Paris is 10:00 UTC on the Friday before the change and 09:00 UTC on its Sunday.
        assertThat(expected.get(0)).isEqualTo(Instant.parse("2027-03-26T10:00:00Z"));
        assertThat(expected.get(1)).isEqualTo(Instant.parse("2027-03-28T09:00:00Z"));
        List<String> captions = new ArrayList<>();
        int n = 0;
        for (JsonNode occurrence : recurrence.path("occurrences")) {
            assertThat(occurrence.path("number").asInt()).isEqualTo(n + 1);
            assertThat(Instant.parse(occurrence.path("due_at").asString())).isEqualTo(expected.get(n));
            JsonNode post = api().get("/api/v1/tenants/" + tenant + "/posts/" + occurrence.path("post_id").asString(),
                    key).body();
            assertThat(post.path("status").asString()).isEqualTo("scheduled");
            assertThat(post.path("pinned").asBoolean()).isTrue();
            assertThat(post.path("menu_item_id").asString()).isEqualTo(item.text("id"));
            assertThat(Instant.parse(post.path("scheduled_for").asString())).isEqualTo(expected.get(n));
            assertThat(post.path("asset_ids").get(0).asString()).isEqualTo(n % 2 == 0 ? square : portrait);
            captions.add(post.path("caption").asString());
            n++;
        }
        assertThat(n).isEqualTo(8);
        assertThat(new HashSet<>(captions)).hasSize(8);
        // As anti-repetition measures a new caption: against the captions written before it (IDF over those).
        double againstEarlier = 0;
        // And, for the report, each against all seven others.
        double againstAll = 0;
        for (int i = 1; i < captions.size(); i++) {
            againstEarlier = Math.max(againstEarlier, Captions.closestWording(captions.get(i), captions.subList(0, i)));
        }
        for (int i = 0; i < captions.size(); i++) {
            List<String> others = new ArrayList<>(captions);
            others.remove(i);
            againstAll = Math.max(againstAll, Captions.closestWording(captions.get(i), others));
        }
        System.out.printf("Recurring captions: 8 occurrences; highest wording similarity to an earlier one %.3f, "
                + "to any other %.3f%n", againstEarlier, againstAll);
        assertThat(againstEarlier).isLessThan(0.5);
        // The calendar shows them: the week of the change lists its two.
        assertThat(api().get("/api/v1/tenants/" + tenant + "/posts?from=2027-03-22T00:00:00Z&to=2027-03-29T00:00:00Z",
                key).body().path("items")).hasSize(2);
    }

    @Test
    void aRecurrencePausesResumesAndEnds() throws Exception {
        String photo = PostingFixtures.upload(port, tenant, key);
        ApiClient.Response created = api().post(recurrences(), key, Map.of("kind", "every_n_days", "every_days", 2,
                "time", "19:00", "account_ids", List.of(instagram), "asset_ids", List.of(photo),
                "subject", "Pizza night"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        // Today at 19:00 and every other day within 14 days: the 22nd, 24th, 26th, 28th, 30th, 1st and 3rd.
        assertThat(created.body().path("created").asInt()).isEqualTo(1);
        recurrences.fillAll();
        String path = recurrences() + "/" + created.text("id");
        assertThat(api().post(path + "/pause", key, null).text("status")).isEqualTo("paused");
        assertThat(api().post(path + "/pause", key, null).status()).isEqualTo(409);
        CLOCK.set(CLOCK.instant().plus(Duration.ofDays(4)));
        recurrences.fillAll();
        assertThat(api().get(path, key).body().path("created").asInt()).isEqualTo(7);
        ApiClient.Response resumed = api().post(path + "/resume", key, null);
        assertThat(resumed.text("status")).isEqualTo("active");
        // From Friday the 26th, 14 days ahead: up to the 7th of April (the 5th and 7th are new; the request
        // creates the 5th, the job the 7th).
        assertThat(resumed.body().path("created").asInt()).isEqualTo(8);
        recurrences.fillAll();
        assertThat(api().get(path, key).body().path("created").asInt()).isEqualTo(9);
        assertThat(api().post(path + "/end", key, null).text("status")).isEqualTo("ended");
        assertThat(api().post(path + "/end", key, null).status()).isEqualTo(409);
        assertThat(api().post(path + "/resume", key, null).status()).isEqualTo(409);
        assertThat(api().get(recurrences(), key).body().path("items")).hasSize(1);
    }

    @Test
    void aDailyRecurrenceCaptionsItsFirstOccurrenceInTheRequestAndTheJobTheRest() throws Exception {
        String photo = PostingFixtures.upload(port, tenant, key);
        ApiClient.Response created = api().post(recurrences(), key, Map.of("kind", "every_n_days", "every_days", 1,
                "time", "19:00", "account_ids", List.of(instagram), "asset_ids", List.of(photo),
                "subject", "Wood-fired pizza"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        // One caption written in the request: today's occurrence.
        assertThat(created.body().path("created").asInt()).isEqualTo(1);
        assertThat(created.body().path("occurrences")).hasSize(1);
        assertThat(Instant.parse(created.body().path("occurrences").get(0).path("due_at").asString()))
                .isEqualTo(ZonedDateTime.of(MONDAY, LocalTime.of(19, 0), PARIS).toInstant());

        // The job creates and captions the rest of the 14 days ahead, each with its own words.
        recurrences.fillAll();
        JsonNode recurrence = api().get(recurrences() + "/" + created.text("id"), key).body();
        assertThat(recurrence.path("created").asInt()).isEqualTo(14);
        Set<String> captions = new HashSet<>();
        for (JsonNode occurrence : recurrence.path("occurrences")) {
            String caption = api().get("/api/v1/tenants/" + tenant + "/posts/"
                    + occurrence.path("post_id").asString(), key).body().path("caption").asString();
            assertThat(caption).isNotBlank();
            captions.add(caption);
        }
        assertThat(captions).hasSize(14);
    }

    @Test
    void aRecurrenceThatCannotWorkIsRefusedAndNothingIsWritten() throws Exception {
        String photo = PostingFixtures.upload(port, tenant, key);
        Map<String, Object> good = Map.of("kind", "weekly", "days", List.of("friday"), "time", "18:00",
                "account_ids", List.of(instagram), "asset_ids", List.of(photo), "subject", "Fish Friday");
        List<Map<String, Object>> bad = List.of(
                with(good, "days", List.of()),
                with(good, "every_days", 3),
                with(good, "kind", "monthly"),
                with(good, "days", List.of("someday")),
                with(good, "time", "25:00"),
                with(good, "count", 0),
                with(good, "menu_item_id", "0190d4f2-0000-7000-8000-000000000000"),
                with(with(good, "kind", "every_n_days"), "days", List.of()),
                with(good, "until", MONDAY.minusDays(1).toString()),
                with(good, "starts_on", MONDAY.minusDays(1).toString()),
                with(good, "account_ids", List.of("0190d4f2-0000-7000-8000-000000000001")),
                with(good, "asset_ids", List.of()),
                with(good, "subject", "x".repeat(201)));
        for (Map<String, Object> body : bad) {
            ApiClient.Response refused = api().post(recurrences(), key, body);
            assertThat(refused.status()).as(body + " → " + refused.raw().body()).isEqualTo(400);
        }
        Map<String, Object> noSubject = new HashMap<>(good);
        noSubject.remove("subject");
        assertThat(api().post(recurrences(), key, noSubject).status()).isEqualTo(400);
        assertThat(api().get(recurrences(), key).body().path("items")).isEmpty();
        assertThat(api().get("/api/v1/tenants/" + tenant + "/posts", key).body().path("items")).isEmpty();
    }

    @Test
    void recurrencesStayWithinTheirTenant() throws Exception {
        String photo = PostingFixtures.upload(port, tenant, key);
        ApiClient.Response created = api().post(recurrences(), key, Map.of("kind", "weekly",
                "days", List.of("saturday"), "time", "12:00", "account_ids", List.of(instagram),
                "asset_ids", List.of(photo), "subject", "Saturday lunch"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String other = api().createTenant("Other Recurring " + System.nanoTime(), "pro");
        String otherKey = api().createKey(other, "read", "write");
        assertThat(api().get(recurrences(), otherKey).status()).isEqualTo(403);
        assertThat(api().get(recurrences() + "/" + created.text("id"), otherKey).status()).isEqualTo(403);
        assertThat(api().post(recurrences() + "/" + created.text("id") + "/end", otherKey, null).status())
                .isEqualTo(403);
        String elsewhere = "/api/v1/tenants/" + other + "/recurrences/" + created.text("id");
        assertThat(api().get(elsewhere, otherKey).status()).isEqualTo(404);
        for (String action : List.of("/pause", "/resume", "/end")) {
            assertThat(api().post(elsewhere + action, otherKey, null).status()).isEqualTo(404);
        }
        assertThat(api().get("/api/v1/tenants/" + other + "/recurrences", otherKey).body().path("items")).isEmpty();
        // This tenant's account and photo are not the other tenant's to repeat.
        assertThat(api().post("/api/v1/tenants/" + other + "/recurrences", otherKey, Map.of("kind", "weekly",
                "days", List.of("saturday"), "time", "12:00", "account_ids", List.of(instagram),
                "asset_ids", List.of(photo), "subject", "Borrowed")).status()).isEqualTo(400);
        assertThat(api().get(recurrences() + "/" + created.text("id"), key).text("status")).isEqualTo("active");
    }

    private static Map<String, Object> with(Map<String, Object> body, String field, Object value) {
        Map<String, Object> changed = new HashMap<>(body);
        changed.put(field, value);
        return changed;
    }

    private String recurrences() {
        return "/api/v1/tenants/" + tenant + "/recurrences";
    }
}
