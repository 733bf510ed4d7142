package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opening hours over HTTP and what they mean for posts: a {@code visit} post is refused at 02:00 (closed) with the
 * next opening suggested, and accepted at 19:00; other intents go out at any hour; hours and menu items stay within
 * their tenant.
 */
class VisitPostsTest extends SandboxedApiTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");
    /** A Monday: "now" for these tests, at 10:00 in Paris. */
    private static final LocalDate MONDAY = LocalDate.of(2026, 6, 1);

    private final List<String> accountIds = new ArrayList<>();
    private String tenant;
    private String key;
    private String instagram;
    private String asset;

    @BeforeEach
    void restaurantInParisWithDinnerHours() throws Exception {
        CLOCK.set(MONDAY.atTime(10, 0).atZone(PARIS).toInstant());
        tenant = api().createTenant("Visit Bistro " + System.nanoTime(), "pro");
        key = api().createKey(tenant, "read", "write");
        assertThat(api().patch("/api/v1/tenants/" + tenant, OPERATOR_TOKEN, Map.of("timezone", "Europe/Paris"))
                .status()).isEqualTo(200);
        ApiClient.Response put = api().put(hoursPath(tenant), key, Map.of(
                "weekly", List.of(
                        Map.of("day", "tuesday", "opens", "18:00", "closes", "23:00"),
                        Map.of("day", "wednesday", "opens", "12:00", "closes", "14:30"),
                        Map.of("day", "wednesday", "opens", "18:00", "closes", "01:00")),
                "exceptions", List.of(Map.of("date", MONDAY.plusDays(2).toString(), "closed", true,
                        "note", "Staff training"))));
        assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
        Map<String, String> accounts = PostingFixtures.connect(api(), tenant, key);
        accountIds.addAll(accounts.values());
        instagram = accounts.get(PostingFixtures.INSTAGRAM);
        asset = PostingFixtures.upload(port, tenant, key);
    }

    @AfterEach
    void disconnect() {
        accountIds.forEach(account -> api().delete("/api/v1/tenants/" + tenant + "/accounts/" + account, key));
    }

    @Test
    void hoursAreReadBackInTheirOwnShape() {
        JsonNode hours = api().get(hoursPath(tenant), key).body();

        assertThat(hours.path("weekly")).hasSize(3);
        assertThat(hours.path("weekly").get(2).path("day").asString()).isEqualTo("wednesday");
        assertThat(hours.path("weekly").get(2).path("closes").asString()).startsWith("01:00");
        assertThat(hours.path("exceptions").get(0).path("closed").asBoolean()).isTrue();
        assertThat(hours.path("exceptions").get(0).path("note").asString()).isEqualTo("Staff training");
        assertThat(hours.path("updated_at").asString()).isNotEmpty();
    }

    @Test
    void aVisitPostAtTwoInTheMorningIsRefusedWithTheNextOpeningAndAcceptedAtSevenInTheEvening() {
        ApiClient.Response refused = visit(MONDAY.plusDays(1) + "T02:00:00");

        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(422);
        assertThat(refused.text("detail")).contains("closed on Tuesday 2 June at 02:00")
                .contains("next time it is open: Tuesday 2 June at 18:00");
        assertThat(OffsetDateTime.parse(refused.text("suggested_time")).toInstant())
                .isEqualTo(MONDAY.plusDays(1).atTime(18, 0).atZone(PARIS).toInstant());
        assertThat(refused.body().path("errors").get(0).path("field").asString()).isEqualTo("scheduled_for");
        assertThat(refused.text("request_id")).isNotEmpty();
        assertThat(api().get("/api/v1/tenants/" + tenant + "/posts", key).body().path("items")).isEmpty();

        ApiClient.Response accepted = visit(MONDAY.plusDays(1) + "T19:00:00");

        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(201);
        assertThat(accepted.text("intent")).isEqualTo("visit");
        assertThat(OffsetDateTime.parse(accepted.text("scheduled_for")).toInstant())
                .isEqualTo(MONDAY.plusDays(1).atTime(19, 0).atZone(PARIS).toInstant());
    }

    @Test
    void theSmallHoursOfAnOvernightRangeAndAClosedExceptionAreRespected() {
        // Wednesday is closed by the exception; Wednesday's own late range is gone with it.
        ApiClient.Response closedDay = visit(MONDAY.plusDays(2) + "T19:00:00");
        assertThat(closedDay.status()).isEqualTo(422);
        assertThat(closedDay.text("detail")).contains("next time it is open: Tuesday 9 June at 18:00");

        ApiClient.Response rescheduledInto = visit(MONDAY.plusDays(1) + "T22:30:00");
        assertThat(rescheduledInto.status()).isEqualTo(201);
        ApiClient.Response moved = api().patch("/api/v1/tenants/" + tenant + "/posts/" + rescheduledInto.text("id"),
                key, Map.of("scheduled_for", MONDAY.plusDays(2) + "T13:00:00"));
        assertThat(moved.status()).as("a move into a closed day is refused too").isEqualTo(422);
    }

    @Test
    void otherIntentsGoOutAtAnyHourAndGeneralIsTheDefault() {
        ApiClient.Response order = create(Map.of("intent", "order"), MONDAY.plusDays(1) + "T02:00:00");
        ApiClient.Response plain = create(Map.of(), MONDAY.plusDays(1) + "T03:00:00");

        assertThat(order.status()).as(order.raw().body()).isEqualTo(201);
        assertThat(order.text("intent")).isEqualTo("order");
        assertThat(plain.text("intent")).isEqualTo("general");
        assertThat(plain.body().path("menu_item_id").isNull()).isTrue();
    }

    @Test
    void anUnknownIntentAndAnotherTenantsMenuItemAreRefusedNamingTheField() {
        String other = api().createTenant("Other Bistro " + System.nanoTime(), "basic");
        String otherKey = api().createKey(other, "read", "write");
        String theirs = api().post("/api/v1/tenants/" + other + "/menu-items", otherKey, Map.of("name", "Tarte"))
                .text("id");
        String ours = api().post("/api/v1/tenants/" + tenant + "/menu-items", key, Map.of("name", "Tarte"))
                .text("id");

        ApiClient.Response unknown = create(Map.of("intent", "dine"), MONDAY.plusDays(1) + "T19:00:00");
        ApiClient.Response foreign = create(Map.of("menu_item_id", theirs), MONDAY.plusDays(1) + "T19:00:00");
        ApiClient.Response own = create(Map.of("menu_item_id", ours), MONDAY.plusDays(1) + "T19:00:00");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(foreign.status()).isEqualTo(400);
        assertThat(foreign.body().path("errors").get(0).path("field").asString()).isEqualTo("menu_item_id");
        assertThat(own.status()).as(own.raw().body()).isEqualTo(201);
        assertThat(own.text("menu_item_id")).isEqualTo(ours);
    }

    @Test
    void hoursAreTheirTenantsAloneAndBadHoursAreRefused() {
        String other = api().createTenant("Nosy Bistro " + System.nanoTime(), "basic");
        String otherKey = api().createKey(other, "read", "write");

        assertThat(api().get(hoursPath(tenant), otherKey).status()).isEqualTo(403);
        assertThat(api().put(hoursPath(tenant), otherKey, Map.of("weekly", List.of())).status()).isEqualTo(403);
        assertThat(api().get(hoursPath(other), otherKey).body().path("weekly")).isEmpty();

        ApiClient.Response overlap = api().put(hoursPath(tenant), key, Map.of("weekly", List.of(
                Map.of("day", "friday", "opens", "18:00", "closes", "02:00"),
                Map.of("day", "friday", "opens", "19:00", "closes", "20:00"))));
        ApiClient.Response badDay = api().put(hoursPath(tenant), key, Map.of("weekly", List.of(
                Map.of("day", "funday", "opens", "18:00", "closes", "02:00"))));
        ApiClient.Response badTime = api().put(hoursPath(tenant), key, Map.of("weekly", List.of(
                Map.of("day", "friday", "opens", "25:00", "closes", "02:00"))));
        ApiClient.Response noDate = api().put(hoursPath(tenant), key, Map.of("exceptions", List.of(
                Map.of("closed", true))));

        assertThat(overlap.status()).isEqualTo(400);
        assertThat(overlap.body().path("errors").get(0).path("field").asString()).isEqualTo("weekly");
        assertThat(badDay.status()).isEqualTo(400);
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(noDate.status()).isEqualTo(400);
        // Nothing of a refused change was kept.
        assertThat(api().get(hoursPath(tenant), key).body().path("weekly")).hasSize(3);
    }

    private ApiClient.Response visit(String localTime) {
        return create(Map.of("intent", "visit"), localTime);
    }

    private ApiClient.Response create(Map<String, Object> extra, String localTime) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("targets", PostingFixtures.targets(instagram),
                "caption", "Dinner is on", "asset_ids", List.of(asset), "scheduled_for", localTime));
        body.putAll(extra);
        return api().post("/api/v1/tenants/" + tenant + "/posts", key, body);
    }

    private static String hoursPath(String tenant) {
        return "/api/v1/tenants/" + tenant + "/profile/opening-hours";
    }
}
