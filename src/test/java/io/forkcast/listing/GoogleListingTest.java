package io.forkcast.listing;

import io.forkcast.accounts.GoogleConnectSteps;
import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Google listing over HTTP against the Google sandbox: the menu written as the location's food menu (on demand
 * and after a change), reviews fetched with replies drafted, posted, changed and deleted, daily figures, Google's
 * quota, and each tenant kept to its own.
 */
class GoogleListingTest extends SandboxedApiTest {

    private static final String PARENT = GoogleConnectSteps.ACCOUNT + "/" + GoogleConnectSteps.LOCATION;
    private static final String CATERING = GoogleConnectSteps.ACCOUNT + "/" + GoogleConnectSteps.CATERING;

    private ApiClient api;
    private String tenant;
    private String key;
    private String base;

    @BeforeEach
    void connectGoogle() {
        api = api();
        GoogleConnectSteps.ConnectedTenant connected = new GoogleConnectSteps(api).newTenantWithGoogle();
        tenant = connected.tenant();
        key = connected.key();
        base = "/api/v1/tenants/" + tenant + "/google";
    }

    private void addMenuItem(Map<String, Object> item) {
        ApiClient.Response added = api.post("/api/v1/tenants/" + tenant + "/menu-items", key, item);
        assertThat(added.status()).as(added.raw().body()).isEqualTo(201);
    }

    private JsonNode foodMenuAtGoogle(String parent) {
        return api.get("/sandbox/google/admin/food-menus", null).body().path("menus").path(parent);
    }

    private String seedReview(String parent, int stars, String comment, String reviewer) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("location", parent, "stars", stars));
        if (comment != null) {
            body.put("comment", comment);
        }
        if (reviewer != null) {
            body.put("reviewer", reviewer);
        }
        ApiClient.Response seeded = api.post("/sandbox/google/admin/reviews", null, body);
        assertThat(seeded.status()).as(seeded.raw().body()).isEqualTo(201);
        return seeded.text("name");
    }

    private List<JsonNode> reviews(String filter) {
        ApiClient.Response listed = api.get(base + "/reviews?filter=" + filter, key);
        assertThat(listed.status()).as(listed.raw().body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        listed.body().path("items").forEach(items::add);
        return items;
    }

    private JsonNode reviewAtGoogle(String name) {
        for (JsonNode review : api.get("/sandbox/google/admin/reviews", null).body().path(PARENT)) {
            if (review.path("name").asString().equals(name)) {
                return review;
            }
        }
        throw new AssertionError("No review " + name + " at Google");
    }

    @Test
    void theMenuIsWrittenAsEachLocationsFoodMenuWithPricesAndDietaryRestrictions() {
        addMenuItem(Map.of("name", "Pumpkin ravioli", "description", "Sage butter, amaretti", "price", new java.math.BigDecimal("12.50"),
                "currency", "EUR", "dietary_tags", List.of("vegetarian", "gluten-free"), "seasonal", true));
        addMenuItem(Map.of("name", "Tiramisu"));

        ApiClient.Response synced = api.post(base + "/menu-sync", key, null);

        assertThat(synced.status()).as(synced.raw().body()).isEqualTo(200);
        assertThat(synced.body().path("items")).hasSize(2);
        for (JsonNode state : synced.body().path("items")) {
            assertThat(state.path("status").asString()).isEqualTo("synced");
            assertThat(state.path("item_count").asInt()).isEqualTo(2);
            assertThat(state.path("error").isNull()).isTrue();
        }
        JsonNode menu = foodMenuAtGoogle(PARENT).path("menus").get(0);
        assertThat(menu.path("sections").get(0).path("labels").get(0).path("displayName").asString())
                .isEqualTo("Seasonal specials");
        JsonNode ravioli = menu.path("sections").get(0).path("items").get(0);
        assertThat(ravioli.path("labels").get(0).path("displayName").asString()).isEqualTo("Pumpkin ravioli");
        assertThat(ravioli.path("labels").get(0).path("description").asString()).isEqualTo("Sage butter, amaretti");
        assertThat(ravioli.path("attributes").path("price").path("currencyCode").asString()).isEqualTo("EUR");
        assertThat(ravioli.path("attributes").path("price").path("units").asString()).isEqualTo("12");
        assertThat(ravioli.path("attributes").path("price").path("nanos").asInt()).isEqualTo(500_000_000);
        // Google has no gluten-free restriction: only what it knows is sent.
        assertThat(ravioli.path("attributes").path("dietaryRestriction").toString()).isEqualTo("[\"VEGETARIAN\"]");
        JsonNode tiramisu = menu.path("sections").get(1).path("items").get(0);
        assertThat(tiramisu.path("attributes").has("price")).isFalse();
        assertThat(foodMenuAtGoogle(CATERING).path("menus")).hasSize(1);
    }

    @Test
    void aMenuChangeReachesGoogleShortlyAfterWithoutAskingAndTheStateSaysSo() {
        addMenuItem(Map.of("name", "Burrata", "price", 9, "currency", "EUR"));

        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> foodMenuAtGoogle(PARENT).path("menus")
                .toString().contains("Burrata"));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode states = api.get(base + "/menu-sync", key).body().path("items");
            return states.size() == 2 && states.get(0).path("status").asString().equals("synced")
                    && states.get(1).path("status").asString().equals("synced");
        });
    }

    @Test
    void googlesQuotaFailsTheSyncAndTheOwnerReadsWhy() {
        addMenuItem(Map.of("name", "Burrata"));
        api.put("/sandbox/google/admin/quota", null, Map.of("requests_per_minute", 1)); // connecting used it up

        ApiClient.Response synced = api.post(base + "/menu-sync", key, null);

        assertThat(synced.status()).isEqualTo(200);
        JsonNode state = synced.body().path("items").get(0);
        assertThat(state.path("status").asString()).isEqualTo("failed");
        assertThat(state.path("error").asString()).contains("quota");
        assertThat(api.get(base + "/menu-sync", key).body().path("items").get(0).path("status").asString())
                .isEqualTo("failed");
    }

    @Test
    void reviewsAreFetchedWithDraftsAndALowRatingIsFlaggedAndApologisedFor() {
        seedReview(PARENT, 5, "The carbonara was perfect and the staff so kind.", "Anna Bianchi");
        seedReview(PARENT, 1, "Cold food and a long wait.", "Marco Verdi");

        ApiClient.Response synced = api.post(base + "/reviews/sync", key, null);

        assertThat(synced.status()).as(synced.raw().body()).isEqualTo(200);
        assertThat(synced.body().path("added").asInt()).isEqualTo(2);
        assertThat(synced.body().path("drafted").asInt()).isEqualTo(2);
        List<JsonNode> waiting = reviews("needs_reply");
        assertThat(waiting).hasSize(2);
        JsonNode low = waiting.stream().filter(r -> r.path("stars").asInt() == 1).findFirst().orElseThrow();
        JsonNode high = waiting.stream().filter(r -> r.path("stars").asInt() == 5).findFirst().orElseThrow();
        assertThat(low.path("low_rating").asBoolean()).isTrue();
        assertThat(high.path("low_rating").asBoolean()).isFalse();
        assertThat(low.path("draft").asString()).containsPattern("(?i)sorry|apologise").contains("Marco");
        assertThat(high.path("draft").asString()).contains("Anna", "carbonara");
        assertThat(high.path("draft_writer").asString()).isEqualTo("offline");
        // Measured against the restaurant's earlier replies as captions are (none yet: nothing to be close to).
        assertThat(high.path("similarity").path("score").asDouble()).isZero();
        assertThat(high.path("similarity").path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(high.path("similarity").path("too_similar").asBoolean()).isFalse();
        assertThat(high.path("similarity").path("meaning").path("threshold").asDouble()).isEqualTo(0.725);
        assertThat(reviews("low")).hasSize(1);

        ApiClient.Response again = api.post(base + "/reviews/sync", key, null);
        assertThat(again.body().path("added").asInt()).isZero();
        assertThat(reviews("all")).hasSize(2);
    }

    @Test
    void theOwnerPostsAnEditedReplyThenChangesAndDeletesIt() {
        String name = seedReview(PARENT, 4, "Lovely tiramisu.", "Giulia");
        api.post(base + "/reviews/sync", key, null);
        String id = reviews("needs_reply").getFirst().path("id").asString();

        ApiClient.Response replied = api.put(base + "/reviews/" + id + "/reply", key,
                Map.of("comment", "Grazie Giulia, the tiramisu is nonna's recipe!"));

        assertThat(replied.status()).as(replied.raw().body()).isEqualTo(200);
        assertThat(replied.body().path("status").asString()).isEqualTo("replied");
        assertThat(replied.body().path("draft").isNull()).isTrue();
        assertThat(reviewAtGoogle(name).path("reviewReply").path("comment").asString())
                .isEqualTo("Grazie Giulia, the tiramisu is nonna's recipe!");

        api.put(base + "/reviews/" + id + "/reply", key, Map.of("comment", "Grazie mille, Giulia!"));
        assertThat(reviewAtGoogle(name).path("reviewReply").path("comment").asString())
                .isEqualTo("Grazie mille, Giulia!");

        ApiClient.Response deleted = api.delete(base + "/reviews/" + id + "/reply", key);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(deleted.body().path("status").asString()).isEqualTo("needs_reply");
        assertThat(reviewAtGoogle(name).has("reviewReply")).isFalse();
    }

    @Test
    void aRedraftDoesNotRepeatTheRestaurantsEarlierReply() {
        seedReview(PARENT, 5, null, "Paolo");
        api.post(base + "/reviews/sync", key, null);
        JsonNode review = reviews("needs_reply").getFirst();
        String first = review.path("draft").asString();
        api.put(base + "/reviews/" + review.path("id").asString() + "/reply", key, Map.of("comment", first));
        seedReview(PARENT, 5, null, "Paolo");

        api.post(base + "/reviews/sync", key, null);

        JsonNode redrafted = reviews("needs_reply").getFirst();
        String second = redrafted.path("draft").asString();
        assertThat(second).isNotBlank().isNotEqualTo(first);
        // Its wording measured against the earlier reply, within the captions' threshold.
        assertThat(redrafted.path("similarity").path("score").asDouble()).isPositive().isLessThanOrEqualTo(0.5);
        assertThat(redrafted.path("similarity").path("too_similar").asBoolean()).isFalse();
        assertThat(second.split("(?<=[.!]) ")[0]).isNotEqualTo(first.split("(?<=[.!]) ")[0]);
    }

    @Test
    void aReplyThatIsBlankOrTooLongIsRefusedAndNothingReachesGoogle() {
        String name = seedReview(PARENT, 3, "Fine.", null);
        api.post(base + "/reviews/sync", key, null);
        String id = reviews("needs_reply").getFirst().path("id").asString();

        ApiClient.Response blank = api.put(base + "/reviews/" + id + "/reply", key, Map.of("comment", "  "));
        ApiClient.Response tooLong = api.put(base + "/reviews/" + id + "/reply", key, Map.of("comment",
                "x".repeat(1501)));

        assertThat(blank.status()).isEqualTo(400);
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(tooLong.raw().body()).contains("comment");
        assertThat(reviewAtGoogle(name).has("reviewReply")).isFalse();
        assertThat(api.get(base + "/reviews/" + id, key).body().path("status").asString()).isEqualTo("needs_reply");
    }

    @Test
    void googlesQuotaOnReviewsIsA429NamingIt() {
        seedReview(PARENT, 5, "Great.", "Anna");
        api.put("/sandbox/google/admin/quota", null, Map.of("requests_per_minute", 1));

        ApiClient.Response synced = api.post(base + "/reviews/sync", key, null);

        assertThat(synced.status()).isEqualTo(429);
        assertThat(synced.raw().body()).contains("quota");
        assertThat(reviews("all")).isEmpty();
    }

    @Test
    void dailyFiguresAreFetchedOnceEachAndAddedUpPerLocation() {
        ApiClient.Response synced = api.post(base + "/insights/sync", key, null);
        assertThat(synced.status()).as(synced.raw().body()).isEqualTo(200);
        assertThat(synced.body().path("figures").asInt()).isPositive();

        JsonNode first = api.get(base + "/insights", key).body();
        api.post(base + "/insights/sync", key, null);
        JsonNode second = api.get(base + "/insights", key).body();

        assertThat(first.path("locations")).hasSize(2);
        JsonNode location = first.path("locations").get(0);
        assertThat(location.path("days")).isNotEmpty();
        long maps = 0;
        for (JsonNode day : location.path("days")) {
            maps += day.path("figures").path("maps_views").asLong();
        }
        assertThat(location.path("total").path("maps_views").asLong()).isEqualTo(maps).isPositive();
        assertThat(second).isEqualTo(first); // fetched again, stored once
        // Google's figures lag: yesterday has no value yet (Google leaves it out, as it does a zero).
        String yesterday = java.time.LocalDate.ofInstant(CLOCK.instant(), java.time.ZoneOffset.UTC).minusDays(1)
                .toString();
        JsonNode last = location.path("days").get(location.path("days").size() - 1);
        assertThat(last.path("day").asString()).isEqualTo(yesterday);
        assertThat(last.path("figures").path("maps_views").asLong()).isZero();
    }

    @Test
    void aSpanEndingBeforeItStartsIsRefused() {
        ApiClient.Response refused = api.get(base + "/insights?from=2026-03-10&to=2026-03-01", key);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw().body()).contains("to");
    }

    @Test
    void anotherTenantsKeyIsRefusedOnEveryPathAndItsReviewsAreNotFound() {
        seedReview(PARENT, 2, "Meh.", "Luca");
        api.post(base + "/reviews/sync", key, null);
        String id = reviews("all").getFirst().path("id").asString();
        String other = api.createTenant("Osteria " + System.nanoTime(), "pro");
        String otherKey = api.createKey(other, "read", "write");
        String otherBase = "/api/v1/tenants/" + other + "/google";

        assertThat(api.get(base + "/menu-sync", otherKey).status()).isEqualTo(403);
        assertThat(api.post(base + "/menu-sync", otherKey, null).status()).isEqualTo(403);
        assertThat(api.get(base + "/reviews", otherKey).status()).isEqualTo(403);
        assertThat(api.post(base + "/reviews/sync", otherKey, null).status()).isEqualTo(403);
        assertThat(api.get(base + "/reviews/" + id, otherKey).status()).isEqualTo(403);
        assertThat(api.post(base + "/reviews/" + id + "/draft", otherKey, null).status()).isEqualTo(403);
        assertThat(api.put(base + "/reviews/" + id + "/reply", otherKey, Map.of("comment", "Hi")).status())
                .isEqualTo(403);
        assertThat(api.delete(base + "/reviews/" + id + "/reply", otherKey).status()).isEqualTo(403);
        assertThat(api.get(base + "/insights", otherKey).status()).isEqualTo(403);
        assertThat(api.post(base + "/insights/sync", otherKey, null).status()).isEqualTo(403);

        assertThat(api.get(otherBase + "/reviews/" + id, otherKey).status()).isEqualTo(404);
        assertThat(api.post(otherBase + "/reviews/" + id + "/draft", otherKey, null).status()).isEqualTo(404);
        assertThat(api.put(otherBase + "/reviews/" + id + "/reply", otherKey, Map.of("comment", "Hi")).status())
                .isEqualTo(404);
        assertThat(api.delete(otherBase + "/reviews/" + id + "/reply", otherKey).status()).isEqualTo(404);
        assertThat(api.get(otherBase + "/reviews", otherKey).body().path("items")).isEmpty();
        assertThat(api.get(otherBase + "/menu-sync", otherKey).body().path("items")).isEmpty();
        assertThat(api.get(otherBase + "/insights", otherKey).body().path("locations")).isEmpty();
        assertThat(reviewAtGoogle(reviewName()).has("reviewReply")).isFalse(); // nothing was posted
    }

    private String reviewName() {
        return api.get("/sandbox/google/admin/reviews", null).body().path(PARENT).get(0).path("name").asString();
    }
}
