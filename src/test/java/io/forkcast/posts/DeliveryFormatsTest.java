package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import io.forkcast.support.TestVideos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.forkcast.posts.PostingFixtures.INSTAGRAM;
import static io.forkcast.posts.PostingFixtures.PAGE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A format per delivery (feed, Reel, Story), checked against each network's rules when the post is created, with
 * videos made in the test: every refusal names the rule and the file's value, and nothing is created.
 */
class DeliveryFormatsTest extends SandboxedApiTest {

    private ApiClient api;
    private String tenant;
    private String key;
    private Map<String, String> accounts;

    @BeforeEach
    void connectedTenant() {
        api = api();
        tenant = api.createTenant("Formats " + UUID.randomUUID().toString().substring(0, 8), "enterprise");
        key = api.createKey(tenant, "read", "write");
        accounts = PostingFixtures.connect(api, tenant, key);
    }

    @AfterEach
    void disconnect() {
        accounts.values().forEach(id -> api.delete("/api/v1/tenants/" + tenant + "/accounts/" + id, key));
    }

    private ApiClient.Response post(String asset, String account, String format) {
        return api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of("caption", "From the oven tonight",
                "asset_ids", List.of(asset), "publish_now", true,
                "targets", List.of(Map.of("account_id", account, "format", format))));
    }

    private void nothingCreated() {
        assertThat(api.get("/api/v1/tenants/" + tenant + "/posts", key).body().path("items")).isEmpty();
    }

    @Test
    void videoTooLongForAStoryIsRefusedNamingTheLimitAndItsDuration() throws Exception {
        byte[] video = TestVideos.of().size(180, 320).fps(24).seconds(62).bytes();
        String asset = PostingFixtures.upload(port, tenant, key, "long.mp4", video);

        ApiClient.Response story = post(asset, accounts.get(INSTAGRAM), "story");

        assertThat(story.status()).isEqualTo(400);
        assertThat(story.raw().body()).contains("asset_ids",
                "Instagram Story takes videos of at most 60 seconds; this one lasts 62.0 s.");
        nothingCreated();
    }

    @Test
    void eachFormatRefusesWhatItsNetworkRefusesNamingTheRule() throws Exception {
        String landscape = PostingFixtures.upload(port, tenant, key, "wide.mp4",
                TestVideos.of().size(640, 360).seconds(4).bytes());
        String photo = PostingFixtures.upload(port, tenant, key);
        String instagram = accounts.get(INSTAGRAM);
        String page = accounts.get(PAGE);

        // A Reel is a video; Facebook's must be 9:16.
        assertThat(post(photo, instagram, "reel").raw().body()).contains("Instagram Reel takes only a video, not a photo.");
        assertThat(post(landscape, page, "reel").raw().body()).contains("Facebook Reel takes pictures of aspect ratio "
                + "9:16 to 9:16 (width:height); this one is 640×360.");
        // Instagram publishes a lone video as a Reel, not in the feed.
        assertThat(post(landscape, instagram, "feed").raw().body()).contains("Instagram publishes a single video as a "
                + "Reel: choose the reel format");
        ApiClient.Response unknown = post(photo, instagram, "carousel");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.raw().body()).contains("targets.format", "must be feed, reel or story");
        nothingCreated();
    }

    private ApiClient.Response post(String asset, String account, String format, String field, Object value) {
        return api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of("caption", "From the oven tonight",
                "asset_ids", List.of(asset), "publish_now", true,
                "targets", List.of(Map.of("account_id", account, "format", format, field, value))));
    }

    @Test
    void aFirstCommentOnAStoryIsRefusedNamingTheRule() throws Exception {
        String photo = PostingFixtures.upload(port, tenant, key);

        ApiClient.Response instagram = post(photo, accounts.get(INSTAGRAM), "story", "first_comment", "Book now");
        ApiClient.Response facebook = post(photo, accounts.get(PAGE), "story", "first_comment", "Book now");

        assertThat(instagram.status()).isEqualTo(400);
        assertThat(instagram.raw().headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(instagram.raw().body()).contains("targets.first_comment", "Instagram Story takes no first "
                + "comment: Meta's API does not comment on a Story.");
        assertThat(facebook.status()).isEqualTo(400);
        assertThat(facebook.raw().body()).contains("targets.first_comment", "Facebook Story takes no first comment");
        nothingCreated();
        // The same comment on a feed post is taken: the rule is the Story's, not the comment's.
        assertThat(post(photo, accounts.get(INSTAGRAM), "feed", "first_comment", "Book now").status())
                .isEqualTo(201);
    }

    @Test
    void alsoShareToFeedIsRefusedWhereMetaOffersNoSuchChoice() throws Exception {
        String photo = PostingFixtures.upload(port, tenant, key);

        ApiClient.Response story = post(photo, accounts.get(INSTAGRAM), "story", "share_to_feed", false);
        ApiClient.Response feed = post(photo, accounts.get(INSTAGRAM), "feed", "share_to_feed", true);
        ApiClient.Response page = post(photo, accounts.get(PAGE), "feed", "share_to_feed", false);

        assertThat(story.status()).isEqualTo(400);
        assertThat(story.raw().body()).contains("targets.share_to_feed", "Only an Instagram Reel can be kept out of "
                + "the feed grid; Instagram Story has no such choice");
        assertThat(feed.status()).isEqualTo(400);
        assertThat(feed.raw().body()).contains("targets.share_to_feed", "Instagram feed post has no such choice");
        assertThat(page.status()).isEqualTo(400);
        assertThat(page.raw().body()).contains("targets.share_to_feed", "Facebook feed post has no such choice");
        nothingCreated();
    }

    @Test
    void aReelSharesToTheFeedUnlessTheOwnerSaysNo_otherFormatsCarryNoChoice() throws Exception {
        String video = PostingFixtures.upload(port, tenant, key, "reel.mp4",
                TestVideos.of().size(360, 640).seconds(4).bytes());
        String photo = PostingFixtures.upload(port, tenant, key);
        String instagram = accounts.get(INSTAGRAM);

        ApiClient.Response shared = post(video, instagram, "reel");
        ApiClient.Response kept = post(video, instagram, "reel", "share_to_feed", false);
        ApiClient.Response feed = post(photo, instagram, "feed");

        assertThat(shared.body().path("deliveries").get(0).path("share_to_feed").asBoolean()).isTrue();
        String keptPost = kept.text("id");
        JsonNode stored = api.get("/api/v1/tenants/" + tenant + "/posts/" + keptPost, key).body();
        assertThat(stored.path("deliveries").get(0).path("share_to_feed").isBoolean()).isTrue();
        assertThat(stored.path("deliveries").get(0).path("share_to_feed").asBoolean()).isFalse();
        assertThat(feed.body().path("deliveries").get(0).path("share_to_feed").isNull()).isTrue();
    }

    @Test
    void aFeedPhotoPostSaysItsFormatAndPublishesAsBefore() throws Exception {
        String photo = PostingFixtures.upload(port, tenant, key);

        ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                "caption", "Burrata", "asset_ids", List.of(photo), "publish_now", true,
                "targets", List.of(Map.of("account_id", accounts.get(INSTAGRAM)))));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().path("deliveries").get(0).path("format").asString()).isEqualTo("feed");
    }

    @Test
    void anotherTenantsVideoCannotBePosted() throws Exception {
        String other = api.createTenant("Other formats " + UUID.randomUUID().toString().substring(0, 8), "basic");
        String otherKey = api.createKey(other, "read", "write");
        String theirs = PostingFixtures.upload(port, other, otherKey, "theirs.mp4", TestVideos.of().bytes());

        ApiClient.Response response = post(theirs, accounts.get(INSTAGRAM), "story");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.raw().body()).contains("No asset " + theirs);
        assertThat(api.post("/api/v1/tenants/" + tenant + "/posts", otherKey, Map.of("caption", "x",
                "asset_ids", List.of(theirs), "publish_now", true, "targets",
                List.of(Map.of("account_id", accounts.get(INSTAGRAM), "format", "story")))).status()).isEqualTo(403);
    }
}
