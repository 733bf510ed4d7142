package io.forkcast.posts;

import io.forkcast.accounts.GoogleConnectSteps;
import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

import static io.forkcast.posts.PostingFixtures.awaitStatus;
import static io.forkcast.posts.PostingFixtures.onlyDelivery;
import static io.forkcast.posts.PostingFixtures.targets;
import static org.assertj.core.api.Assertions.assertThat;

/** Posts to a Google Business Profile location, over HTTP, against the Google sandbox: once, whatever happens. */
class GooglePublishingTest extends SandboxedApiTest {

    private static final String PARENT = GoogleConnectSteps.ACCOUNT + "/" + GoogleConnectSteps.LOCATION;

    private ApiClient api;
    private String tenant;
    private String key;
    private String location;

    @BeforeEach
    void connectGoogle() {
        api = api();
        GoogleConnectSteps.ConnectedTenant connected = new GoogleConnectSteps(api).newTenantWithGoogle();
        tenant = connected.tenant();
        key = connected.key();
        location = connected.location();
    }

    private List<JsonNode> postsAtGoogle() {
        List<JsonNode> posts = new java.util.ArrayList<>();
        api.get("/sandbox/google/admin/posts", null).body().path(PARENT).forEach(posts::add);
        return posts;
    }

    private ApiClient.Response publishNow(String caption, List<String> assets) {
        return api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of("targets", targets(location),
                "caption", caption, "asset_ids", assets, "publish_now", true));
    }

    /** A photo large enough for Google (10 KB at least). */
    private List<String> photo() throws Exception {
        return List.of(PostingFixtures.upload(port, tenant, key, 2000, 1500));
    }

    @Test
    void aWhatsNewPostGoesToTheListingWithItsPhotoFetchedByGoogle() throws Exception {
        String asset = PostingFixtures.upload(port, tenant, key, 2000, 1500);

        ApiClient.Response created = publishNow("Burrata is back tonight!", List.of(asset));

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        JsonNode delivery = onlyDelivery(awaitStatus(api, tenant, key, created.text("id"), "published"));
        assertThat(delivery.path("platform").asString()).isEqualTo("google_business");
        assertThat(delivery.path("platform_post_id").asString()).startsWith(PARENT + "/localPosts/");
        List<JsonNode> atGoogle = postsAtGoogle();
        assertThat(atGoogle).hasSize(1);
        assertThat(atGoogle.getFirst().path("summary").asString()).isEqualTo("Burrata is back tonight!");
        assertThat(atGoogle.getFirst().path("topicType").asString()).isEqualTo("STANDARD");
        assertThat(atGoogle.getFirst().path("languageCode").asString()).isEqualTo("en");
        assertThat(atGoogle.getFirst().path("media").get(0).path("sourceUrl").asString()).contains("/media/");
        assertThat(atGoogle.getFirst().path("name").asString()).isEqualTo(delivery.path("platform_post_id").asString());
    }

    @Test
    void aPostIsSentInTheRestaurantsLanguage() throws Exception {
        ApiClient.Response profile = api.put("/api/v1/tenants/" + tenant + "/profile", key,
                Map.of("name", "Chez Nous", "default_language", "fr"));
        assertThat(profile.status()).as(profile.raw().body()).isEqualTo(200);

        ApiClient.Response created = publishNow("La burrata est de retour ce soir !", photo());

        awaitStatus(api, tenant, key, created.text("id"), "published");
        assertThat(postsAtGoogle()).singleElement()
                .satisfies(post -> assertThat(post.path("languageCode").asString()).isEqualTo("fr"));
    }

    @Test
    void anOfferGoesOutWithItsFieldsAndTheOwnerSeesItGoLive() throws Exception {
        Map<String, Object> offer = Map.of("type", "offer", "title", "Tiramisu for two", "starts_at",
                "2026-12-11T19:00:00", "ends_at", "2026-12-13T23:00:00", "coupon_code", "TIRAMISU2", "redeem_url",
                "https://trattoria.example/offer", "terms", "One per table.");
        ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                "targets", List.of(Map.of("account_id", location, "google", offer)),
                "caption", "Two desserts, one price", "asset_ids", photo(), "publish_now", true));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(onlyDelivery(created.body()).path("google").path("type").asString()).isEqualTo("offer");

        JsonNode delivery = onlyDelivery(awaitStatus(api, tenant, key, created.text("id"), "published"));
        JsonNode atGoogle = postsAtGoogle().getFirst();
        assertThat(atGoogle.path("topicType").asString()).isEqualTo("OFFER");
        assertThat(atGoogle.path("event").path("title").asString()).isEqualTo("Tiramisu for two");
        assertThat(atGoogle.path("event").path("schedule").path("endDate").path("day").asInt()).isEqualTo(13);
        assertThat(atGoogle.path("offer").path("couponCode").asString()).isEqualTo("TIRAMISU2");
        assertThat(delivery.path("state_at_google").asString()).isEqualTo("processing");

        CLOCK.advance(java.time.Duration.ofSeconds(1)); // Google has processed it
        String path = "/api/v1/tenants/" + tenant + "/posts/" + created.text("id");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() ->
                onlyDelivery(api.get(path, key).body()).path("state_at_google").asString().equals("live"));
    }

    @Test
    void anEventWithoutItsDatesIsRefusedNamingTheField() throws Exception {
        ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                "targets", List.of(Map.of("account_id", location, "google", Map.of("type", "event", "title",
                        "Jazz night", "action", "book"))),
                "caption", "Live jazz on Friday", "asset_ids", photo(), "publish_now", true));

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.raw().body()).contains("targets.google.action_url", "web address");
        assertThat(api.get("/api/v1/tenants/" + tenant + "/posts", key).body().path("items")).isEmpty();
    }

    @Test
    void whenGoogleTookThePostButTheAnswerWasLostTheRetryFindsItInsteadOfPostingTwice() throws Exception {
        List<String> photo = photo();
        api.post("/sandbox/google/admin/faults", null, Map.of("operation", "localPosts/create", "http_status", 503,
                "after_success", true));

        ApiClient.Response created = publishNow("Truffle night on Friday", photo);

        JsonNode delivery = onlyDelivery(awaitStatus(api, tenant, key, created.text("id"), "published"));
        assertThat(postsAtGoogle()).hasSize(1);
        assertThat(delivery.path("platform_post_id").asString()).isEqualTo(postsAtGoogle().getFirst().path("name")
                .asString());
    }

    @Test
    void aLostAnswerIsNotTakenForAnEarlierPostWithTheSameWordsThatAnotherDeliveryHolds() throws Exception {
        List<String> photo = photo();
        JsonNode first = onlyDelivery(awaitStatus(api, tenant, key,
                publishNow("Truffle night on Friday", photo).text("id"), "published"));
        api.post("/sandbox/google/admin/faults", null, Map.of("operation", "localPosts/create", "http_status", 503,
                "after_success", true));

        ApiClient.Response again = publishNow("Truffle night on Friday", photo);

        JsonNode second = onlyDelivery(awaitStatus(api, tenant, key, again.text("id"), "published"));
        List<JsonNode> atGoogle = postsAtGoogle();
        assertThat(atGoogle).hasSize(2);
        assertThat(second.path("platform_post_id").asString())
                .isNotEqualTo(first.path("platform_post_id").asString())
                .isIn(atGoogle.stream().map(post -> post.path("name").asString()).toList());
    }

    @Test
    void aLostOffersAnswerIsNotTakenForAnotherOfferWithTheSameSummaryButAnotherTitle() throws Exception {
        List<String> photo = photo();
        Map<String, Object> offer = Map.of("type", "offer", "title", "Tiramisu for two", "starts_at",
                "2026-12-11T19:00:00", "ends_at", "2026-12-13T23:00:00");
        Map<String, Object> otherOffer = Map.of("type", "offer", "title", "Panna cotta for two", "starts_at",
                "2026-12-11T19:00:00", "ends_at", "2026-12-13T23:00:00");
        ApiClient.Response first = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                "targets", List.of(Map.of("account_id", location, "google", otherOffer)),
                "caption", "Two desserts, one price", "asset_ids", photo, "publish_now", true));
        awaitStatus(api, tenant, key, first.text("id"), "published");
        api.post("/sandbox/google/admin/faults", null, Map.of("operation", "localPosts/create", "http_status", 503,
                "after_success", true));

        ApiClient.Response second = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                "targets", List.of(Map.of("account_id", location, "google", offer)),
                "caption", "Two desserts, one price", "asset_ids", photo, "publish_now", true));

        JsonNode delivery = onlyDelivery(awaitStatus(api, tenant, key, second.text("id"), "published"));
        JsonNode tiramisu = postsAtGoogle().stream()
                .filter(post -> post.path("event").path("title").asString().equals("Tiramisu for two"))
                .findFirst().orElseThrow();
        assertThat(postsAtGoogle()).hasSize(2);
        assertThat(delivery.path("platform_post_id").asString()).isEqualTo(tiramisu.path("name").asString());
    }

    @Test
    void aCaptionLongerThanGoogleTakesIsRefusedOnCreateAndNothingIsStored() throws Exception {
        ApiClient.Response created = publishNow("x".repeat(1501), photo());

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.raw().body()).contains("Google takes at most 1500 characters");
        assertThat(api.get("/api/v1/tenants/" + tenant + "/posts", key).body().path("items")).isEmpty();
        assertThat(postsAtGoogle()).isEmpty();
    }

    @Test
    void aGrantRevokedAtGoogleFailsTheDeliveryAndAsksTheOwnerToReconnect() throws Exception {
        List<String> photo = photo();
        api.post("/sandbox/google/admin/grants/revoke", null, null); // the owner removed Forkcast at Google

        ApiClient.Response created = publishNow("Open on Sunday", photo);

        JsonNode delivery = onlyDelivery(awaitStatus(api, tenant, key, created.text("id"), "failed"));
        assertThat(delivery.toString()).contains("connect Google again");
        JsonNode account = api.get("/api/v1/tenants/" + tenant + "/accounts/" + location, key).body();
        assertThat(account.path("status").asString()).isEqualTo("needs_reconnect");
        assertThat(postsAtGoogle()).isEmpty();
    }
}
