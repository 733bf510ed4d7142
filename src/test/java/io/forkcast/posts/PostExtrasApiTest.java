package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.forkcast.posts.PostingFixtures.INSTAGRAM;
import static io.forkcast.posts.PostingFixtures.PAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What goes out with a delivery besides its media and caption, end to end against the sandbox: the first comment
 * (posted once, reconciled after an unknown outcome, its failure reported without failing the post), the
 * restaurant's place (tagged by default, removable per post), the images' alt text; and the accounts' pictures.
 */
class PostExtrasApiTest extends SandboxedApiTest {

    private String tenantId;
    private String key;
    private String facebook;
    private String instagram;
    private String asset;

    @BeforeEach
    void connectedTenantWithAnImage() throws Exception {
        tenantId = api().createTenant("Extras " + UUID.randomUUID().toString().substring(0, 8), "pro");
        key = api().createKey(tenantId, "read", "write");
        Map<String, String> accounts = PostingFixtures.connect(api(), tenantId, key);
        facebook = accounts.get(PAGE);
        instagram = accounts.get(INSTAGRAM);
        asset = PostingFixtures.upload(port, tenantId, key);
    }

    /** The application is shared with other tests: leave no live accounts for their token health checks. */
    @AfterEach
    void disconnect() {
        api().delete(path("/accounts/" + facebook), key);
        api().delete(path("/accounts/" + instagram), key);
    }

    @Test
    void aFirstCommentIsPostedOnceRightAfterEachDeliveryByTheAccountItself() {
        String id = create(List.of(
                Map.of("account_id", facebook, "first_comment", "Book at trattoria.example #pasta"),
                Map.of("account_id", instagram, "first_comment", "#pasta #bologna #freshpasta")));
        JsonNode post = PostingFixtures.awaitStatus(api(), tenantId, key, id, "published");
        for (JsonNode delivery : post.path("deliveries")) {
            assertThat(delivery.path("first_comment").path("message").asString()).isNotBlank();
        }
        JsonNode done = awaitComments(id, "posted");
        for (JsonNode delivery : done.path("deliveries")) {
            JsonNode object = sandboxObject(delivery.path("platform_post_id").asString());
            assertThat(object.path("comments")).hasSize(1);
            JsonNode comment = object.path("comments").get(0);
            assertThat(comment.path("message").asString()).isEqualTo(delivery.path("first_comment")
                    .path("message").asString());
            assertThat(comment.path("id").asString()).isEqualTo(delivery.path("first_comment").path("comment_id")
                    .asString());
            // Written by the Page or the Instagram account that published the post.
            assertThat(comment.path("from_id").asString())
                    .isEqualTo(delivery.path("platform").asString().equals("instagram") ? INSTAGRAM : PAGE);
            assertThat(delivery.path("first_comment").path("tries").asInt()).isEqualTo(1);
        }
    }

    @Test
    void aCommentWhoseAnswerWasLostIsFoundAmongTheCommentsNotPostedTwice() {
        fault(Map.of("operation", "comments", "code", 2, "is_transient", true, "after_success", true));
        String id = create(List.of(Map.of("account_id", instagram, "first_comment", "Reconcile me")));
        JsonNode delivery = PostingFixtures.onlyDelivery(awaitComments(id, "posted"));
        assertThat(delivery.path("first_comment").path("tries").asInt()).isEqualTo(2);
        JsonNode object = sandboxObject(delivery.path("platform_post_id").asString());
        assertThat(object.path("comments")).hasSize(1);
        assertThat(delivery.path("first_comment").path("comment_id").asString())
                .isEqualTo(object.path("comments").get(0).path("id").asString());
    }

    @Test
    void aTemporaryRefusalIsRetried_aPermanentOneIsReportedAndThePostStaysPublished() {
        fault(Map.of("operation", "comments", "code", 2, "is_transient", true));
        String retried = create(List.of(Map.of("account_id", facebook, "first_comment", "Second time lucky")));
        JsonNode delivery = PostingFixtures.onlyDelivery(awaitComments(retried, "posted"));
        assertThat(sandboxObject(delivery.path("platform_post_id").asString()).path("comments")).hasSize(1);

        fault(Map.of("operation", "comments", "code", 10, "message",
                "(#10) Application does not have permission for this action"));
        String refused = create(List.of(Map.of("account_id", facebook, "first_comment", "Never shown")));
        JsonNode failed = awaitComments(refused, "failed");
        assertThat(failed.path("status").asString()).isEqualTo("published");
        JsonNode comment = PostingFixtures.onlyDelivery(failed).path("first_comment");
        assertThat(comment.path("error").asString()).contains("reconnect it and grant every permission");
        assertThat(sandboxObject(PostingFixtures.onlyDelivery(failed).path("platform_post_id").asString())
                .path("comments")).isEmpty();
    }

    @Test
    void aFirstCommentIsCheckedAgainstTheNetworksRules_andCannotBeAddedByAChange() {
        ApiClient.Response tooManyTags = api().post(path("/posts"), key, Map.of("targets",
                List.of(Map.of("account_id", instagram, "first_comment", "#a ".repeat(31))),
                "caption", "Fine", "asset_ids", List.of(asset), "publish_now", true));
        assertThat(tooManyTags.status()).isEqualTo(400);
        assertThat(tooManyTags.raw().body()).contains("targets.first_comment")
                .contains("Instagram takes at most 30 hashtags; this first comment has 31.");
        ApiClient.Response empty = api().post(path("/posts"), key, Map.of("targets",
                List.of(Map.of("account_id", facebook, "first_comment", "  ")),
                "caption", "Fine", "asset_ids", List.of(asset), "publish_now", true));
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.raw().body()).contains("The first comment is empty");
        ApiClient.Response badLocation = api().post(path("/posts"), key, Map.of("targets",
                List.of(Map.of("account_id", facebook, "location", "moon")),
                "caption", "Fine", "asset_ids", List.of(asset), "publish_now", true));
        assertThat(badLocation.status()).isEqualTo(400);
        assertThat(badLocation.raw().body()).contains("must be restaurant or none");
        assertThat(PostingFixtures.published(api())).isEmpty();

        ApiClient.Response later = api().post(path("/posts"), key, Map.of("targets", List.of(Map.of("account_id",
                facebook)), "caption", "Later", "asset_ids", List.of(asset),
                "scheduled_for", CLOCK.instant().plus(Duration.ofDays(1)).toString()));
        ApiClient.Response change = api().patch(path("/posts/" + later.text("id")), key, Map.of("targets",
                List.of(Map.of("account_id", facebook, "first_comment", "Too late"))));
        assertThat(change.status()).isEqualTo(400);
        assertThat(change.raw().body()).contains("targets.first_comment");
    }

    @Test
    void theRestaurantsPlaceIsTaggedByDefault_removablePerPost_andAltTextGoesWithTheImages() {
        ApiClient.Response none = api().get(path("/profile/place"), key);
        assertThat(none.status()).isEqualTo(404);
        ApiClient.Response set = api().put(path("/profile/place"), key,
                Map.of("page", "https://www.facebook.com/Piazza-Maggiore-200000000000009/"));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(set.text("page_id")).isEqualTo("200000000000009");
        assertThat(set.text("name")).isEqualTo("Piazza Maggiore");
        assertThat(set.text("address")).contains("Bologna");
        assertThat(api().get(path("/profile/place"), key).text("page_id")).isEqualTo("200000000000009");
        assertThat(api().patch(path("/assets/" + asset), key, Map.of("alt_text", "Tagliatelle al ragù on a white "
                + "plate")).status()).isEqualTo(200);

        String tagged = create(List.of(Map.of("account_id", facebook), Map.of("account_id", instagram)));
        JsonNode post = PostingFixtures.awaitStatus(api(), tenantId, key, tagged, "published");
        for (JsonNode delivery : post.path("deliveries")) {
            assertThat(delivery.path("place_id").asString()).isEqualTo("200000000000009");
            JsonNode object = sandboxObject(delivery.path("platform_post_id").asString());
            assertThat(object.path("place_id").asString()).isEqualTo("200000000000009");
            assertThat(object.path("alt_texts").get(0).asString()).isEqualTo("Tagliatelle al ragù on a white plate");
        }

        String untagged = create(List.of(Map.of("account_id", facebook, "location", "none"),
                Map.of("account_id", instagram, "location", "none")));
        for (JsonNode delivery : PostingFixtures.awaitStatus(api(), tenantId, key, untagged, "published")
                .path("deliveries")) {
            assertThat(delivery.path("place_id").isNull() || delivery.path("place_id").isMissingNode()).isTrue();
            JsonNode place = sandboxObject(delivery.path("platform_post_id").asString()).path("place_id");
            assertThat(place.isNull() || place.isMissingNode()).as(place.toString()).isTrue();
        }

        assertThat(api().delete(path("/profile/place"), key).status()).isEqualTo(204);
        assertThat(api().get(path("/profile/place"), key).status()).isEqualTo(404);
    }

    @Test
    void aPlaceMustBeAPageWithALocation_namedByALinkOrAnId() {
        ApiClient.Response noLocation = api().put(path("/profile/place"), key, Map.of("page", "200000000000002"));
        assertThat(noLocation.status()).isEqualTo(400);
        assertThat(noLocation.raw().body()).contains("has no address");
        ApiClient.Response unknown = api().put(path("/profile/place"), key,
                Map.of("page", "https://www.facebook.com/profile.php?id=123456789"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.raw().body()).contains("Facebook knows no Page 123456789");
        ApiClient.Response notFacebook = api().put(path("/profile/place"), key,
                Map.of("page", "https://example.com/trattoria"));
        assertThat(notFacebook.status()).isEqualTo(400);
        assertThat(notFacebook.raw().body()).contains("not a link to a Facebook Page");
        ApiClient.Response own = api().put(path("/profile/place"), key, Map.of("page", PAGE));
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.text("name")).isEqualTo("Trattoria Sandbox");
    }

    @Test
    void anotherTenantsPostsAndPlaceAreNotItsOwn() {
        String other = api().createTenant("Other " + UUID.randomUUID().toString().substring(0, 8), "pro");
        String otherKey = api().createKey(other, "read", "write");
        assertThat(api().put(path("/profile/place"), key, Map.of("page", PAGE)).status()).isEqualTo(200);
        // Another tenant's key on this tenant's path: forbidden.
        assertThat(api().get(path("/profile/place"), otherKey).status()).isEqualTo(403);
        assertThat(api().put(path("/profile/place"), otherKey, Map.of("page", PAGE)).status()).isEqualTo(403);
        // On its own path, this tenant's place is not its place, and its post is not found.
        assertThat(api().get("/api/v1/tenants/" + other + "/profile/place", otherKey).status()).isEqualTo(404);
        String id = create(List.of(Map.of("account_id", facebook, "first_comment", "Mine")));
        assertThat(api().get("/api/v1/tenants/" + other + "/posts/" + id, otherKey).status()).isEqualTo(404);
        // Another tenant cannot post to this tenant's account, first comment or not.
        ApiClient.Response foreign = api().post("/api/v1/tenants/" + other + "/posts", otherKey, Map.of("targets",
                List.of(Map.of("account_id", facebook, "first_comment", "Hijack")), "caption", "x",
                "asset_ids", List.of(asset), "publish_now", true));
        assertThat(foreign.status()).isEqualTo(400);
    }

    @Test
    void eachAccountHasItsPictureFromFacebook_servedByTheSandbox_andKeptByTheTokenCheck() throws Exception {
        Map<String, JsonNode> accounts = new HashMap<>();
        api().get(path("/accounts"), key).body().path("items")
                .forEach(account -> accounts.put(account.path("platform_user_id").asString(), account));
        for (String platformId : List.of(PAGE, INSTAGRAM)) {
            String url = accounts.get(platformId).path("picture_url").asString();
            assertThat(url).contains("/sandbox/cdn/pictures/" + platformId + ".png");
            HttpResponse<byte[]> picture = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            assertThat(picture.statusCode()).isEqualTo(200);
            assertThat(picture.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(picture.body())).getWidth())
                    .isEqualTo(100);
        }
        // The check asks Graph for the picture again and keeps what it answers.
        assertThat(api().post(path("/accounts/" + facebook + "/check"), key, null).status()).isEqualTo(200);
        assertThat(api().get(path("/accounts/" + facebook), key).text("picture_url"))
                .contains("/sandbox/cdn/pictures/" + PAGE + ".png");
    }

    private String create(List<Map<String, Object>> targets) {
        ApiClient.Response created = api().post(path("/posts"), key, Map.of("targets", targets,
                "caption", "Tagliatelle tonight " + UUID.randomUUID(), "asset_ids", List.of(asset),
                "publish_now", true));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }

    /** Waits until every delivery's first comment is {@code status}; answers the post then. */
    private JsonNode awaitComments(String postId, String status) {
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode post = api().get(path("/posts/" + postId), key).body();
            for (JsonNode delivery : post.path("deliveries")) {
                if (!delivery.path("first_comment").path("status").asString().equals(status)) {
                    return false;
                }
            }
            return true;
        });
        return api().get(path("/posts/" + postId), key).body();
    }

    private JsonNode sandboxObject(String id) {
        ApiClient.Response object = api().get("/sandbox/admin/published/" + id, null);
        assertThat(object.status()).as(object.raw().body()).isEqualTo(200);
        return object.body();
    }

    private void fault(Map<String, Object> fault) {
        assertThat(api().post("/sandbox/admin/faults", null, fault).status()).isEqualTo(201);
    }

    private String path(String rest) {
        return "/api/v1/tenants/" + tenantId + rest;
    }
}
