package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import io.forkcast.support.TestVideos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.forkcast.posts.PostingFixtures.PAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Facebook Page video in the feed, Reels, and photo and video Stories, published through the sandbox's Graph and
 * resumable upload host, which fetches each video's first bytes by its signed URL and processes it for a while
 * (1 s here); exactly once when an attempt ends without knowing whether Meta took its call.
 */
@TestPropertySource(properties = "forkcast.sandbox.video-processing-time=1s")
class FacebookVideoPublishingTest extends SandboxedApiTest {

    private ApiClient api;
    private String tenant;
    private String key;
    private Map<String, String> accounts;
    private String portrait;

    @BeforeEach
    void connectedTenantWithAPortraitVideo() throws Exception {
        api = api();
        tenant = api.createTenant("FB video " + UUID.randomUUID().toString().substring(0, 8), "enterprise");
        key = api.createKey(tenant, "read", "write");
        accounts = PostingFixtures.connect(api, tenant, key);
        // Facebook's Reels and Stories: 9:16, at least 540 × 960, 24 to 60 fps.
        portrait = PostingFixtures.upload(port, tenant, key, "reel.mp4",
                TestVideos.of().size(540, 960).seconds(4).bytes());
    }

    @AfterEach
    void disconnect() {
        accounts.values().forEach(id -> api.delete("/api/v1/tenants/" + tenant + "/accounts/" + id, key));
    }

    private String create(String asset, String format, String caption) {
        ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of("caption", caption,
                "asset_ids", List.of(asset), "publish_now", true,
                "targets", List.of(Map.of("account_id", accounts.get(PAGE), "format", format))));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }

    private void fault(Map<String, Object> fault) {
        assertThat(api.post("/sandbox/admin/faults", null, fault).status()).isEqualTo(201);
    }

    @Test
    void aVideoGoesToThePagesFeedWithTheCaptionAsItsDescription() {
        String post = create(portrait, "feed", "The wood oven at full heat #pizza");

        JsonNode delivery = PostingFixtures.onlyDelivery(PostingFixtures.awaitStatus(api, tenant, key, post,
                "published"));
        List<JsonNode> published = PostingFixtures.published(api);
        assertThat(published).hasSize(1);
        JsonNode video = published.getFirst();
        assertThat(video.path("kind").asString()).isEqualTo("video");
        assertThat(video.path("caption").asString()).isEqualTo("The wood oven at full heat #pizza");
        assertThat(video.path("image_urls").get(0).asString()).contains("/media/" + portrait + "/original");
        assertThat(delivery.path("platform_post_id").asString()).isEqualTo(video.path("id").asString());
        assertThat(delivery.path("permalink").asString()).contains("/videos/" + video.path("id").asString());
        assertThat(delivery.path("attempts")).hasSize(1);
        assertThat(delivery.path("attempts").get(0).path("container_id").asString())
                .isEqualTo(video.path("id").asString());
    }

    @Test
    void aReelIsUploadedFinishedAndPublishedOnceProcessed() {
        String post = create(portrait, "reel", "Plating the tiramisu");

        JsonNode delivery = PostingFixtures.onlyDelivery(PostingFixtures.awaitStatus(api, tenant, key, post,
                "published"));
        List<JsonNode> published = PostingFixtures.published(api);
        assertThat(published).hasSize(1);
        JsonNode reel = published.getFirst();
        assertThat(reel.path("kind").asString()).isEqualTo("reel");
        assertThat(reel.path("caption").asString()).isEqualTo("Plating the tiramisu");
        assertThat(reel.path("image_urls").get(0).asString()).contains("/media/" + portrait + "/original");
        assertThat(delivery.path("format").asString()).isEqualTo("reel");
        assertThat(delivery.path("platform_post_id").asString()).isEqualTo(reel.path("id").asString());
        assertThat(delivery.path("permalink").asString()).isEqualTo("https://www.facebook.com/reel/"
                + reel.path("id").asString());
        JsonNode status = api.get("/sandbox/admin/published/" + reel.path("id").asString(), null).body();
        assertThat(status.path("published").path("kind").asString()).isEqualTo("reel");
    }

    @Test
    void aPhotoStoryAndAVideoStoryArePublishedWithoutCaption() throws Exception {
        String photo = PostingFixtures.upload(port, tenant, key);
        String photoStory = create(photo, "story", "Not shown on a Story");
        String videoStory = create(portrait, "story", "Not shown either");

        JsonNode photoDelivery = PostingFixtures.onlyDelivery(PostingFixtures.awaitStatus(api, tenant, key,
                photoStory, "published"));
        JsonNode videoDelivery = PostingFixtures.onlyDelivery(PostingFixtures.awaitStatus(api, tenant, key,
                videoStory, "published"));
        List<JsonNode> published = PostingFixtures.published(api);
        assertThat(published).hasSize(2).allSatisfy(story -> {
            assertThat(story.path("kind").asString()).isEqualTo("story");
            assertThat(story.path("caption").isNull() || story.path("caption").isMissingNode()).isTrue();
        });
        assertThat(published).anySatisfy(story -> {
            assertThat(story.path("id").asString()).isEqualTo(photoDelivery.path("platform_post_id").asString());
            assertThat(story.path("image_urls").get(0).asString()).contains("/media/" + photo + "/original");
        });
        assertThat(published).anySatisfy(story -> {
            assertThat(story.path("id").asString()).isEqualTo(videoDelivery.path("platform_post_id").asString());
            assertThat(story.path("image_urls").get(0).asString()).contains("/media/" + portrait + "/original");
        });
        // Stories are not posts: the Page's published posts do not list them.
        assertThat(videoDelivery.path("permalink").asString()).contains("/stories/");
    }

    /** The published delivery after a first attempt with an unknown (transient) outcome and a second that ended so. */
    private JsonNode publishedOnTheSecondAttempt(String post, String... secondOutcomes) {
        JsonNode delivery = PostingFixtures.onlyDelivery(PostingFixtures.awaitStatus(api, tenant, key, post,
                "published"));
        JsonNode attempts = delivery.path("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).path("outcome").asString()).isEqualTo("transient");
        assertThat(attempts.get(1).path("outcome").asString()).isIn((Object[]) secondOutcomes);
        return delivery;
    }

    @Test
    void aReelWhoseFinishTookEffectUnseenIsResumedNotFinishedTwice() {
        // Meta takes the finish (the Reel will go live) but the answer is lost: the attempt's outcome is unknown. A
        // second finish of the same session would be refused by the sandbox, as a second upload would.
        fault(Map.of("operation", "page/video_reels/finish", "code", 2, "is_transient", true,
                "after_success", true));

        String post = create(portrait, "reel", "Once, only once");

        JsonNode delivery = publishedOnTheSecondAttempt(post, "published", "reconciled");
        JsonNode attempts = delivery.path("attempts");
        String video = attempts.get(0).path("container_id").asString();
        assertThat(video).isNotBlank();
        List<JsonNode> published = PostingFixtures.published(api);
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().path("id").asString()).isEqualTo(video);
        assertThat(delivery.path("platform_post_id").asString()).isEqualTo(video);
    }

    @Test
    void aFeedVideoWhoseAnswerWasLostIsFoundAmongThePagesVideosNotPostedTwice() {
        // Meta took the video (it is processing) but the answer with its id is lost: nothing names it on the attempt.
        fault(Map.of("operation", "page/videos", "code", 2, "is_transient", true, "after_success", true));

        String post = create(portrait, "feed", "Fresh from the oven, once");

        JsonNode delivery = publishedOnTheSecondAttempt(post, "reconciled");
        // Reconciled: no second video was sent. The one Meta took goes live once processed.
        await().atMost(java.time.Duration.ofSeconds(10)).until(() -> !PostingFixtures.published(api).isEmpty());
        List<JsonNode> published = PostingFixtures.published(api);
        assertThat(published).hasSize(1);
        assertThat(delivery.path("platform_post_id").asString()).isEqualTo(published.getFirst().path("id")
                .asString());
    }

    @Test
    void aPhotoStoryWhoseAnswerWasLostIsFoundAmongThePagesStories() throws Exception {
        String photo = PostingFixtures.upload(port, tenant, key);
        fault(Map.of("operation", "page/photo_stories", "code", 2, "is_transient", true, "after_success", true));

        String post = create(photo, "story", "Tonight");

        JsonNode delivery = publishedOnTheSecondAttempt(post, "reconciled");
        List<JsonNode> published = PostingFixtures.published(api);
        assertThat(published).hasSize(1);
        assertThat(delivery.path("platform_post_id").asString()).isEqualTo(published.getFirst().path("id").asString());
    }

    @Test
    void aVideoFacebookCannotProcessFailsTheDeliveryWithASentenceTheOwnerCanActOn() {
        assertThat(api.post("/sandbox/admin/container-outcomes", null, Map.of("status", "ERROR", "times", 1))
                .status()).isIn(200, 201, 204);

        String post = create(portrait, "reel", "Will not process");

        JsonNode delivery = PostingFixtures.onlyDelivery(PostingFixtures.awaitStatus(api, tenant, key, post,
                "failed"));
        assertThat(delivery.path("failure").path("message").asString())
                .startsWith("Facebook could not process the video (The video could not be processed")
                .contains("upload a new copy and retry");
        assertThat(PostingFixtures.published(api)).isEmpty();
    }
}
