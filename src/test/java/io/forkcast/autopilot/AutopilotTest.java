package io.forkcast.autopilot;

import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import io.forkcast.tenancy.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Autopilot over HTTP: the daily specials job on the restaurant's clock across the spring-forward change, the
 * public holidays of a French restaurant coming up, one-click drafts, validation and tenant isolation.
 */
class AutopilotTest extends SandboxedApiTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    Autopilot autopilot;

    private String tenant;
    private String key;

    @BeforeEach
    void parisRestaurant() {
        String name = "Bistro " + UUID.randomUUID().toString().substring(0, 8);
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN, Map.of("name", name,
                "email", name.toLowerCase().replaceAll("[^a-z0-9]", "") + "@example.com", "plan", "basic",
                "timezone", "Europe/Paris"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        tenant = created.text("id");
        key = api().createKey(tenant, "read", "write");
    }

    @Test
    void theSpecialsJobRunsAtTenOnTheRestaurantsClock_beforeAndAfterTheClocksGoForward() {
        // Friday 26 March 2027; the clocks of Paris go forward on Sunday 28 March (02:00 CET → 03:00 CEST).
        CLOCK.set(Instant.parse("2027-03-26T12:00:00Z"));
        settings("10:00", "FR", 14);
        String item = menuItem("Bouillabaisse");
        for (String day : List.of("2027-03-27", "2027-03-28")) {
            ApiClient.Response set = api().put(path("/autopilot/specials/" + day), key,
                    Map.of("items", List.of(Map.of("menu_item_id", item))));
            assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        }
        ApiClient.Response specials = api().get(path("/autopilot/specials?from=2027-03-27&to=2027-03-28"), key);
        assertThat(specials.body().path("items")).hasSize(2);
        // Saturday 10:00 CET is 09:00 UTC: the queued execution is due then.
        assertThat(Instant.parse(specials.text("next_run"))).isEqualTo(Instant.parse("2027-03-27T09:00:00Z"));

        TenantId id = new TenantId(UUID.fromString(tenant));
        CLOCK.set(Instant.parse("2027-03-27T09:00:00Z"));
        Instant sunday = autopilot.runSpecials(id, Instant.parse("2027-03-27T09:00:00Z"));
        // Sunday 10:00 CEST is 08:00 UTC: 23 hours later, not 24.
        assertThat(sunday).isEqualTo(Instant.parse("2027-03-28T08:00:00Z"));
        assertThat(pending()).extracting(d -> d.path("for_date").asString()).containsExactly("2027-03-27");
        // A repeated run (an instance that crashed after drafting, say) drafts nothing twice.
        autopilot.runSpecials(id, Instant.parse("2027-03-27T09:00:00Z"));
        assertThat(pending()).hasSize(1);

        CLOCK.set(sunday);
        assertThat(autopilot.runSpecials(id, sunday)).isEqualTo(Instant.parse("2027-03-29T08:00:00Z"));
        List<JsonNode> drafts = pending();
        assertThat(drafts).extracting(d -> d.path("for_date").asString())
                .containsExactly("2027-03-27", "2027-03-28");
        assertThat(drafts).allSatisfy(d -> {
            assertThat(d.path("kind").asString()).isEqualTo("special");
            assertThat(d.path("menu_item_id").asString()).isEqualTo(item);
            assertThat(d.path("caption").asString()).contains("Bouillabaisse");
        });
        // Anti-repetition: the second day's caption is not the first's.
        assertThat(drafts.get(0).path("caption").asString()).isNotEqualTo(drafts.get(1).path("caption").asString());
        assertThat(api().get(path("/autopilot/specials?from=2027-03-27&to=2027-03-28"), key).body().path("items"))
                .allSatisfy(s -> assertThat(s.path("draft_id").asString()).isNotBlank());

        // No connected account: approving is refused and the draft stays pending (nothing half-written).
        String draft = drafts.get(0).path("id").asString();
        ApiClient.Response approve = api().post(path("/autopilot/drafts/" + draft + "/approve"), key, null);
        assertThat(approve.status()).as(approve.raw().body()).isEqualTo(400);
        assertThat(api().get(path("/autopilot/drafts/" + draft), key).text("status")).isEqualTo("pending");
        assertThat(api().get(path("/posts"), key).body().path("items")).isEmpty();
        ApiClient.Response dismissed = api().post(path("/autopilot/drafts/" + draft + "/dismiss"), key, null);
        assertThat(dismissed.text("status")).isEqualTo("dismissed");
        assertThat(api().post(path("/autopilot/drafts/" + draft + "/dismiss"), key, null).status()).isEqualTo(409);
    }

    @Test
    void theNextRunFallsAfterTheGapInSpringAndOnTheFirstTenInAutumn() {
        // 02:30 does not exist in Paris on 28 March 2027: the run is at 03:30 CEST, as the clocks show it.
        assertThat(SpecialsJob.next(Instant.parse("2027-03-27T12:00:00Z"), PARIS, LocalTime.of(2, 30)))
                .isEqualTo(Instant.parse("2027-03-28T01:30:00Z"));
        assertThat(SpecialsJob.next(Instant.parse("2027-03-28T01:30:00Z"), PARIS, LocalTime.of(2, 30)))
                .isEqualTo(Instant.parse("2027-03-29T00:30:00Z"));
        // 02:30 comes twice on 31 October 2027: once, the first time (CEST).
        assertThat(SpecialsJob.next(Instant.parse("2027-10-30T12:00:00Z"), PARIS, LocalTime.of(2, 30)))
                .isEqualTo(Instant.parse("2027-10-31T00:30:00Z"));
        assertThat(SpecialsJob.next(Instant.parse("2027-10-31T00:30:00Z"), PARIS, LocalTime.of(2, 30)))
                .isEqualTo(Instant.parse("2027-11-01T01:30:00Z"));
        assertThat(SpecialsJob.next(Instant.parse("2027-10-31T00:30:00Z"), PARIS, LocalTime.of(10, 0)))
                .isEqualTo(Instant.parse("2027-10-31T09:00:00Z"));
    }

    @Test
    void aFrenchRestaurantSeesBastilleDayComingUpWithinItsDays_andDraftsAPostForIt() {
        CLOCK.set(Instant.parse("2027-07-01T10:00:00Z"));
        settings("10:00", "FR", 10);
        assertThat(upcoming()).noneMatch(o -> o.path("date").asString().equals("2027-07-14"));

        settings("10:00", "FR", 14);
        JsonNode bastille = upcoming().stream().filter(o -> o.path("date").asString().equals("2027-07-14"))
                .findFirst().orElseThrow();
        assertThat(bastille.path("kind").asString()).isEqualTo("holiday");
        assertThat(bastille.path("days_away").asLong()).isEqualTo(13);
        String name = bastille.path("name").asString();
        assertThat(name).isNotBlank();

        ApiClient.Response event = api().post(path("/autopilot/events"), key,
                Map.of("name", "Tasting night", "date", "2027-07-05"));
        assertThat(event.status()).as(event.raw().body()).isEqualTo(201);
        assertThat(upcoming()).anyMatch(o -> o.path("kind").asString().equals("event")
                && o.path("name").asString().equals("Tasting night"));

        ApiClient.Response draft = api().post(path("/autopilot/drafts"), key,
                Map.of("date", "2027-07-14", "occasion", name));
        assertThat(draft.status()).as(draft.raw().body()).isEqualTo(201);
        assertThat(draft.text("kind")).isEqualTo("occasion");
        assertThat(draft.text("status")).isEqualTo("pending");
        assertThat(draft.text("caption")).contains(name);
    }

    @Test
    void everyEndpointValidates_andAnotherTenantSeesNothing() {
        CLOCK.set(Instant.parse("2027-07-01T10:00:00Z"));
        ApiClient.Response badCountry = api().put(path("/autopilot/settings"), key, Map.of("specials_time", "10:00",
                "specials_mode", "draft", "country", "XX", "coming_up_days", 7));
        assertThat(badCountry.status()).isEqualTo(400);
        assertThat(api().put(path("/autopilot/settings"), key, Map.of("specials_time", "10:00",
                "specials_mode", "draft", "coming_up_days", 0)).status()).isEqualTo(400);
        assertThat(api().put(path("/autopilot/settings"), key, Map.of("specials_time", "25:00",
                "specials_mode", "draft", "coming_up_days", 7)).status()).isEqualTo(400);
        assertThat(api().put(path("/autopilot/settings"), key, Map.of("specials_time", "10:00",
                "specials_mode", "later", "coming_up_days", 7)).status()).isEqualTo(400);
        String item = menuItem("Ratatouille");
        assertThat(api().put(path("/autopilot/specials/2027-06-30"), key,
                Map.of("items", List.of(Map.of("menu_item_id", item)))).status()).isEqualTo(400);
        assertThat(api().put(path("/autopilot/specials/2027-07-02"), key,
                Map.of("items", List.of(Map.of("menu_item_id", UUID.randomUUID().toString())))).status())
                .isEqualTo(400);
        assertThat(api().put(path("/autopilot/specials/2027-07-02"), key,
                Map.of("items", List.of(Map.of("menu_item_id", item), Map.of("menu_item_id", item)))).status())
                .isEqualTo(400);
        assertThat(api().put(path("/autopilot/specials/not-a-date"), key, Map.of("items", List.of())).status())
                .isEqualTo(400);
        assertThat(api().get(path("/autopilot/specials?from=2027-07-10&to=2027-07-01"), key).status())
                .isEqualTo(400);
        assertThat(api().post(path("/autopilot/events"), key, Map.of("name", " ", "date", "2027-07-05")).status())
                .isEqualTo(400);
        assertThat(api().post(path("/autopilot/drafts"), key, Map.of("date", "2027-06-01", "occasion", "Past"))
                .status()).isEqualTo(400);
        assertThat(api().get(path("/autopilot/occasions?days=0"), key).status()).isEqualTo(400);
        assertThat(api().get(path("/autopilot/drafts?status=soon"), key).status()).isEqualTo(400);

        String event = api().post(path("/autopilot/events"), key, Map.of("name", "Anniversary", "date", "2027-07-05"))
                .text("id");
        String draft = api().post(path("/autopilot/drafts"), key, Map.of("date", "2027-07-05",
                "occasion", "Anniversary")).text("id");
        ApiClient.Response set = api().put(path("/autopilot/specials/2027-07-02"), key,
                Map.of("items", List.of(Map.of("menu_item_id", item))));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);

        String other = api().createTenant("Other " + UUID.randomUUID().toString().substring(0, 8), "basic");
        String otherKey = api().createKey(other, "read", "write");
        for (String rest : List.of("/autopilot/settings", "/autopilot/events", "/autopilot/events/" + event,
                "/autopilot/drafts", "/autopilot/drafts/" + draft, "/autopilot/occasions",
                "/autopilot/specials?from=2027-07-01&to=2027-07-07")) {
            assertThat(api().get(path(rest), otherKey).status()).as(rest).isEqualTo(403);
        }
        String otherPath = "/api/v1/tenants/" + other;
        assertThat(api().get(otherPath + "/autopilot/events/" + event, otherKey).status()).isEqualTo(404);
        assertThat(api().put(otherPath + "/autopilot/events/" + event, otherKey,
                Map.of("name", "Mine", "date", "2027-07-06")).status()).isEqualTo(404);
        assertThat(api().delete(otherPath + "/autopilot/events/" + event, otherKey).status()).isEqualTo(404);
        assertThat(api().get(otherPath + "/autopilot/drafts/" + draft, otherKey).status()).isEqualTo(404);
        assertThat(api().post(otherPath + "/autopilot/drafts/" + draft + "/dismiss", otherKey, null).status())
                .isEqualTo(404);
        assertThat(api().post(otherPath + "/autopilot/drafts/" + draft + "/approve", otherKey, null).status())
                .isEqualTo(404);
        assertThat(api().put(otherPath + "/autopilot/specials/2027-07-02", otherKey,
                Map.of("items", List.of(Map.of("menu_item_id", item)))).status()).isEqualTo(400);
        assertThat(api().get(otherPath + "/autopilot/events", otherKey).body().path("items")).isEmpty();
        assertThat(api().get(otherPath + "/autopilot/drafts", otherKey).body().path("items")).isEmpty();
        assertThat(api().get(otherPath + "/autopilot/specials?from=2027-07-01&to=2027-07-07", otherKey).body()
                .path("items")).isEmpty();
        assertThat(api().get(path("/autopilot/drafts/" + draft), key).text("status")).isEqualTo("pending");
    }

    private void settings(String time, String country, int days) {
        Map<String, Object> body = new HashMap<>();
        body.put("specials_time", time);
        body.put("specials_mode", "draft");
        body.put("country", country);
        body.put("coming_up_days", days);
        ApiClient.Response saved = api().put(path("/autopilot/settings"), key, body);
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
    }

    private String menuItem(String name) {
        ApiClient.Response created = api().post(path("/menu-items"), key, Map.of("name", name,
                "description", "Slow-cooked, from the market this morning"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }

    private List<JsonNode> pending() {
        List<JsonNode> drafts = new ArrayList<>();
        api().get(path("/autopilot/drafts?status=pending"), key).body().path("items").forEach(drafts::add);
        return drafts;
    }

    private List<JsonNode> upcoming() {
        List<JsonNode> occasions = new ArrayList<>();
        ApiClient.Response found = api().get(path("/autopilot/occasions"), key);
        assertThat(found.status()).as(found.raw().body()).isEqualTo(200);
        found.body().path("items").forEach(occasions::add);
        return occasions;
    }

    private String path(String rest) {
        return "/api/v1/tenants/" + tenant + rest;
    }
}
