package io.forkcast.web;

import io.forkcast.accounts.GoogleConnectSteps;
import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.support.FormSession;
import io.forkcast.support.TestVideos;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compose's formats, videos, covers and Google fields over real HTTP as a browser sends them (session cookie, CSRF
 * field): a format per account from the network's rules, a Reel of a library video with its cover, an offer on the
 * Google listing; refusals beside their fields with what was typed kept; the previews per network and format; the
 * post page's formats and Google's state; the library's videos; roles and tenant isolation.
 */
class ComposeFormatsTest extends EmbeddedApiTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private Restaurant restaurant;
    private FormSession owner;
    private String video;
    private String google;

    @BeforeEach
    void restaurantWithAVideoAndAGoogleListing() throws Exception {
        restaurant = Restaurant.open(api(), port, "Formats " + UUID.randomUUID().toString().substring(0, 8));
        owner = restaurant.owner(port);
        video = PostingFixtures.upload(port, restaurant.tenantId(), restaurant.key(), "plating.mp4",
                TestVideos.of().size(360, 640).seconds(4).bytes());
        ApiClient.Response connected = new GoogleConnectSteps(api()).connect(restaurant.tenantId(), restaurant.key());
        assertThat(connected.status()).as(connected.raw().body()).isEqualTo(200);
        for (JsonNode account : api().get(restaurant.path("/accounts"), restaurant.key()).body().path("items")) {
            if (account.path("platform_user_id").asString().equals(GoogleConnectSteps.LOCATION)) {
                google = account.path("id").asString();
            }
        }
        assertThat(google).isNotNull();
    }

    @AfterEach
    void closeRestaurant() {
        api().delete(restaurant.path("/accounts/" + google), restaurant.key());
        restaurant.close(api());
    }

    private String later() {
        return LocalDateTime.now(PARIS).plusDays(3).withHour(19).withMinute(30).withSecond(0).withNano(0).toString();
    }

    @Test
    void composeOffersEachNetworksFormatsInTheOwnersWordsAndTheGoogleFields() {
        String page = owner.get("/app/compose").body();

        assertThat(page).contains("name=\"format_" + restaurant.instagram() + "\"")
                .contains("name=\"format_" + restaurant.facebook() + "\"")
                // A Google listing has one format: no picker.
                .doesNotContain("name=\"format_" + google + "\"")
                .contains(">Feed post</option>").contains(">Reel</option>").contains(">Story</option>")
                .contains("id=\"google-fields\"").contains(">What&#39;s new</option>").contains(">Offer</option>")
                .contains(">Event</option>").contains(">Order online</option>")
                // The video is offered with its poster and its length.
                .containsPattern("value=\"" + video + "\"[^>]*data-duration=\"0:04\"")
                .contains("/media/" + video + "/thumbnail")
                .contains("id=\"cover-picker\"");
    }

    @Test
    void aReelOfALibraryVideoIsSavedAsAReel_andThePostPageShowsItsFormatAndPoster() {
        String page = owner.get("/app/compose").body();
        HttpResponse<String> saved = owner.post("/app/compose", Map.of("account_ids", restaurant.instagram(),
                "format_" + restaurant.instagram(), "reel", "asset_ids", video, "caption", "The oven at full heat",
                "when", "later", "local_time", later()), page);

        assertThat(saved.statusCode()).as(saved.body()).isIn(302, 303);
        String location = saved.headers().firstValue("Location").orElseThrow();
        String postId = location.substring(location.lastIndexOf('/') + 1);
        JsonNode delivery = api().get(restaurant.path("/posts/" + postId), restaurant.key()).body()
                .path("deliveries").get(0);
        assertThat(delivery.path("format").asString()).isEqualTo("reel");

        String post = owner.get("/app/calendar/posts/" + postId).body();
        assertThat(post).contains("class=\"delivery-format\">Reel</span>")
                .contains("data-format=\"reel\"").contains("aspect-ratio:0.5625")
                .contains("/media/" + video + "/poster").contains(">0:04<")
                .contains("The oven at full heat");
    }

    @Test
    void aReelIsShownInTheFeedGridWhenItsBoxIsTicked_andOnlyInTheReelsTabWhenNot() {
        String page = owner.get("/app/compose").body();
        // Only Instagram's Reel has the choice: one box, ticked at first.
        assertThat(page).containsPattern("<input type=\"checkbox\" id=\"share-" + restaurant.instagram()
                        + "\" name=\"share_to_feed_" + restaurant.instagram() + "\" value=\"on\"[^>]*checked")
                .contains("Also show in the feed grid")
                .doesNotContain("name=\"share_to_feed_" + restaurant.facebook() + "\"");

        String shared = savedPost(Map.of("account_ids", restaurant.instagram(), "format_" + restaurant.instagram(),
                "reel", "share_to_feed_" + restaurant.instagram(), "on", "asset_ids", video, "caption", "In the grid",
                "when", "later", "local_time", later()), page);
        String kept = savedPost(Map.of("account_ids", restaurant.instagram(), "format_" + restaurant.instagram(),
                "reel", "asset_ids", video, "caption", "Reels only", "when", "later", "local_time", later()), page);

        assertThat(api().get(restaurant.path("/posts/" + shared), restaurant.key()).body().path("deliveries").get(0)
                .path("share_to_feed").asBoolean()).isTrue();
        assertThat(api().get(restaurant.path("/posts/" + kept), restaurant.key()).body().path("deliveries").get(0)
                .path("share_to_feed").asBoolean(true)).isFalse();
        assertThat(owner.get("/app/calendar/posts/" + shared).body()).contains("also in the feed grid");
        assertThat(owner.get("/app/calendar/posts/" + kept).body()).contains("Reels tab only, not in the feed grid");
    }

    private String savedPost(Map<String, String> form, String page) {
        HttpResponse<String> saved = owner.post("/app/compose", form, page);
        assertThat(saved.statusCode()).as(saved.body()).isIn(302, 303);
        String location = saved.headers().firstValue("Location").orElseThrow();
        return location.substring(location.lastIndexOf('/') + 1);
    }

    @Test
    void aFormatTheNetworkDoesNotOfferIsRefusedBesideTheAccountsWithEverythingKept() {
        String page = owner.get("/app/compose").body();
        String refused = backOnCompose(owner.post("/app/compose", Map.of("account_ids", restaurant.instagram(),
                "format_" + restaurant.instagram(), "carousel", "asset_ids", video, "caption", "Plating",
                "when", "later", "local_time", later()), page));
        assertThat(refused).contains("id=\"error-app-compose-formats\"").contains("Choose a feed post, a Reel or a Story.")
                .contains(">Plating</textarea>");

        // A Reel takes a video, not a photo: the network's rule, beside the media.
        String photoReel = backOnCompose(owner.post("/app/compose", Map.of("account_ids", restaurant.instagram(),
                "format_" + restaurant.instagram(), "reel", "asset_ids", restaurant.square(), "caption", "Plating",
                "when", "later", "local_time", later()), page));
        assertThat(photoReel).contains("id=\"error-app-compose-asset_ids\"").contains("Instagram Reel takes only a video")
                // The Reel stays chosen.
                .containsPattern("name=\"format_" + restaurant.instagram() + "\"[\\s\\S]*?value=\"reel\" selected");
        assertThat(api().get(restaurant.path("/posts"), restaurant.key()).body().path("items")).isEmpty();
    }

    @Test
    void anOfferGoesToTheGoogleListingWithItsFieldsAndButton() {
        String page = owner.get("/app/compose").body();
        Map<String, String> form = new HashMap<>(Map.of("account_ids", google, "caption", "Two desserts, one price",
                "when", "later", "local_time", later(), "google_type", "offer", "google_title", "Tiramisu for two",
                "google_starts_at", "2031-12-11T19:00", "google_ends_at", "2031-12-13T23:00",
                "google_coupon_code", "TIRAMISU2", "google_redeem_url", "https://trattoria.example/offer"));
        form.put("google_terms", "One per table.");
        form.put("google_action", "order");
        form.put("google_action_url", "https://trattoria.example/order");
        HttpResponse<String> saved = owner.post("/app/compose", form, page);

        assertThat(saved.statusCode()).as(saved.body()).isIn(302, 303);
        String location = saved.headers().firstValue("Location").orElseThrow();
        JsonNode delivery = api().get(restaurant.path("/posts/" + location.substring(location.lastIndexOf('/') + 1)),
                restaurant.key()).body().path("deliveries").get(0);
        JsonNode fields = delivery.path("google");
        assertThat(fields.path("type").asString()).isEqualTo("offer");
        assertThat(fields.path("title").asString()).isEqualTo("Tiramisu for two");
        assertThat(fields.path("coupon_code").asString()).isEqualTo("TIRAMISU2");
        assertThat(fields.path("terms").asString()).isEqualTo("One per table.");
        assertThat(fields.path("action").asString()).isEqualTo("order");
        assertThat(fields.path("action_url").asString()).isEqualTo("https://trattoria.example/order");
        assertThat(fields.path("starts_at").asString()).startsWith("2031-12-11T19:00");

        String post = owner.get(java.net.URI.create(location).getPath()).body();
        assertThat(post).contains("class=\"delivery-format\">Offer</span>").contains("data-preview=\"google_business\"")
                .contains("Tiramisu for two").contains("TIRAMISU2").contains(">Order online</span>");
    }

    @Test
    void googlesRulesAreExplainedBesideTheirFieldsWithWhatWasTypedKept() {
        String page = owner.get("/app/compose").body();
        Map<String, String> event = new HashMap<>(Map.of("account_ids", google, "caption", "Live jazz on Friday",
                "when", "later", "local_time", later(), "google_type", "event", "google_title", "Jazz night",
                "google_starts_at", "2031-12-11T21:00", "google_ends_at", "2031-12-11T23:30",
                "google_action", "book"));
        String noLink = backOnCompose(owner.post("/app/compose", event, page));
        assertThat(noLink).contains("id=\"error-app-compose-google_action_url\"")
                .contains("The button needs the web address")
                .contains("value=\"Jazz night\"").contains("value=\"2031-12-11T21:00\"")
                .containsPattern("value=\"event\" selected").containsPattern("value=\"book\" selected");

        event.put("google_action_url", "https://trattoria.example/book");
        event.put("google_ends_at", "2031-12-11T20:00");
        String endBeforeStart = backOnCompose(owner.post("/app/compose", event, page));
        assertThat(endBeforeStart).contains("id=\"error-app-compose-google_ends_at\"")
                .contains("The end must come after the start.").contains("value=\"https://trattoria.example/book\"");

        event.put("google_starts_at", "friday night");
        String notATime = backOnCompose(owner.post("/app/compose", event, page));
        assertThat(notATime).contains("id=\"error-app-compose-google_starts_at\"").contains("value=\"friday night\"");

        // An offer's coupon typed before switching to "what's new" is not sent: no refusal for it.
        Map<String, String> whatsNew = new HashMap<>(Map.of("account_ids", google, "caption", "Burrata is back",
                "when", "later", "local_time", later(), "google_type", "whats_new", "google_coupon_code", "X",
                "google_title", "leftover"));
        HttpResponse<String> saved = owner.post("/app/compose", whatsNew, page);
        assertThat(saved.statusCode()).isIn(302, 303);
        assertThat(saved.headers().firstValue("Location").orElseThrow()).contains("/app/calendar/posts/");
        assertThat(api().get(restaurant.path("/posts"), restaurant.key()).body().path("items")).hasSize(1);
    }

    @Test
    void thePreviewShowsEachFormat_aReelInItsFrame_aStoryWithoutCaption_aGoogleCard() {
        String page = owner.get("/app/compose").body();
        String caption = "Wood-fired and ready in ninety seconds: watch the crust rise in the oven tonight";
        Map<String, String> reel = Map.of("account_ids", restaurant.instagram(), "format_" + restaurant.instagram(),
                "reel", "asset_ids", video, "caption", caption);
        String html = owner.post("/app/compose/preview", reel, page).body();
        assertThat(html).contains("data-format=\"reel\"").contains("aspect-ratio:0.5625")
                .contains("/media/" + video + "/poster").contains("class=\"np-play\"")
                .contains(NetworkPreviews.cut(caption, NetworkPreviews.REEL_CHARACTERS, true).visible())
                .doesNotContain("tonight");

        String story = owner.post("/app/compose/preview", Map.of("account_ids", restaurant.facebook(),
                "format_" + restaurant.facebook(), "story", "asset_ids", restaurant.portrait(), "caption", caption),
                page).body();
        assertThat(story).contains("data-format=\"story\"").contains("aspect-ratio:0.5625")
                .contains("A Story shows no caption").doesNotContain("Wood-fired");

        Map<String, String> offer = new HashMap<>(Map.of("account_ids", google, "caption", caption,
                "google_type", "offer", "google_title", "Pizza and wine", "google_starts_at", "2031-12-11T19:00",
                "google_ends_at", "2031-12-11T23:00", "google_coupon_code", "OVEN10", "google_action", "call",
                "google_action_url", "typed while it was another button"));
        String card = owner.post("/app/compose/preview", offer, page).body();
        assertThat(card).contains("data-preview=\"google_business\"").contains("class=\"np-google-kind\">Offer")
                .contains("Pizza and wine").contains("Thu 11 Dec, 19:00 – 23:00").contains("OVEN10")
                .contains(">Call now</span>").contains("Wood-fired");
    }

    @Test
    void aCoverIsChosenAsAFrameOrALibraryPhoto_andAFrameAfterTheEndIsRefusedBesideItsField() {
        String assetPage = "/app/library/assets/" + video;
        String page = owner.get(assetPage).body();
        assertThat(page).contains("<video").contains("/media/" + video + "/original")
                .contains("poster=\"").contains("0:04");

        HttpResponse<String> frame = owner.post("/app/library/cover", Map.of("video_id", video, "cover", "frame",
                "offset_seconds", "2,5"), page);
        assertThat(frame.statusCode()).isIn(302, 303);
        assertThat(cover().path("offset_ms").asLong()).isEqualTo(2500);
        assertThat(owner.get(assetPage).body()).contains("Cover saved.").contains("A frame at 2.5 s is the poster.");

        HttpResponse<String> tooLate = owner.post("/app/library/cover", Map.of("video_id", video, "cover", "frame",
                "offset_seconds", "9"), page);
        assertThat(tooLate.statusCode()).isEqualTo(303);
        assertThat(tooLate.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith(assetPage));
        String refused = owner.get(assetPage).body();
        assertThat(refused).contains("id=\"error-app-library-cover-offset_seconds\"").contains("value=\"9\"")
                .contains("The video lasts 0:04: choose a moment before its end.");
        assertThat(cover().path("offset_ms").asLong()).isEqualTo(2500);

        // From compose (htmx): the answer is the new cover, and the Reel's preview shows the photo.
        HttpResponse<String> photo = owner.post("/app/library/cover", Map.of("video_id", video, "cover", "photo",
                "photo_id", restaurant.portrait()), page, Map.of("HX-Request", "true"));
        assertThat(photo.statusCode()).isEqualTo(200);
        assertThat(photo.body()).contains("class=\"cover-chosen\"").contains("the photo dish.jpg");
        assertThat(cover().path("asset_id").asString()).isEqualTo(restaurant.portrait());
        String preview = owner.post("/app/compose/preview", Map.of("account_ids", restaurant.instagram(),
                "format_" + restaurant.instagram(), "reel", "asset_ids", video, "caption", "x"), page).body();
        assertThat(preview).contains("/media/" + restaurant.portrait() + "/instagram")
                .doesNotContain("/media/" + video + "/poster");

        HttpResponse<String> noPhoto = owner.post("/app/library/cover", Map.of("video_id", video, "cover", "photo"),
                page, Map.of("HX-Request", "true"));
        assertThat(noPhoto.statusCode()).isEqualTo(400);
        assertThat(noPhoto.body()).contains("Choose the photo");
    }

    @Test
    void theLibraryShowsVideosWithTheirPosterAndLength() {
        String library = owner.get("/app/library").body();
        assertThat(library).contains("/media/" + video + "/thumbnail").contains(">0:04<")
                .contains("video/mp4");
    }

    @Test
    void aViewerCannotChooseACover_anotherRestaurantsVideoAndAccountsAreNotFound() throws Exception {
        FormSession viewer = restaurant.user(api(), port, "viewer");
        String viewerPage = viewer.get("/app/library/assets/" + video).body();
        assertThat(viewerPage).contains("<video").doesNotContain("id=\"cover-save\"");
        assertThat(viewer.post("/app/library/cover", Map.of("video_id", video, "offset_seconds", "1"), viewerPage)
                .statusCode()).isEqualTo(403);

        Restaurant other = Restaurant.open(api(), port, "Other " + UUID.randomUUID().toString().substring(0, 8));
        try {
            FormSession stranger = other.owner(port);
            String page = stranger.get("/app/compose").body();
            assertThat(stranger.post("/app/library/cover", Map.of("video_id", video, "offset_seconds", "1"), page)
                    .statusCode()).isEqualTo(404);
            // Their own video with our photo as its cover: our photo is not theirs.
            String theirs = PostingFixtures.upload(port, other.tenantId(), other.key(), "theirs.mp4",
                    TestVideos.of().size(360, 640).seconds(3).bytes());
            HttpResponse<String> foreignPhoto = stranger.post("/app/library/cover", Map.of("video_id", theirs,
                    "cover", "photo", "photo_id", restaurant.portrait()), page, Map.of("HX-Request", "true"));
            assertThat(foreignPhoto.statusCode()).isEqualTo(400);
            assertThat(foreignPhoto.body()).contains("No asset");
            assertThat(stranger.get("/app/library/assets/" + video).statusCode()).isEqualTo(404);
            assertThat(stranger.post("/app/compose/preview", Map.of("account_ids", google, "google_type", "offer"),
                    page).statusCode()).isEqualTo(404);
            assertThat(stranger.post("/app/compose/preview", Map.of("account_ids", other.instagram(),
                    "format_" + other.instagram(), "reel", "asset_ids", video), page).statusCode()).isEqualTo(404);
        } finally {
            other.close(api());
        }
        assertThat(cover().isMissingNode() || cover().isNull()).isTrue();
    }

    @Test
    void aGoogleDeliveryShowsItsStateAtGoogleOnThePostPage() {
        String page = owner.get("/app/compose").body();
        HttpResponse<String> saved = owner.post("/app/compose", Map.of("account_ids", google,
                "caption", "Burrata is back tonight!", "when", "now", "google_type", "whats_new"), page);
        assertThat(saved.statusCode()).as(saved.body()).isIn(302, 303);
        String location = saved.headers().firstValue("Location").orElseThrow();
        String postId = location.substring(location.lastIndexOf('/') + 1);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> api().get(restaurant.path("/posts/" + postId),
                restaurant.key()).body().path("deliveries").get(0).path("state_at_google").isString());

        String post = owner.get(java.net.URI.create(location).getPath()).body();
        assertThat(post).contains("class=\"google-state\"").containsPattern("On Google: <span class=\"badge[^\"]*\"[^>]*>(being checked|live)<")
                .contains("class=\"delivery-format\">What&#39;s new post</span>");
    }

    private JsonNode cover() {
        return api().get(restaurant.path("/assets/" + video), restaurant.key()).body().path("video").path("cover");
    }

    /** A refused compose form answers 303 to compose, which then shows the errors. */
    private String backOnCompose(HttpResponse<String> refused) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(303);
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith("/app/compose"));
        return owner.get("/app/compose").body();
    }
}
