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

import static io.forkcast.posts.PostingFixtures.INSTAGRAM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Instagram Reels, Stories and carousels with a video, published through the sandbox, which fetches the video's first
 * bytes by its signed URL and processes it for a while (1 s here) before the container is FINISHED; exactly once
 * when an attempt stops while the video is still processing.
 */
@TestPropertySource(properties = "forkcast.sandbox.video-processing-time=1s")
class ReelPublishingTest extends SandboxedApiTest {

    private ApiClient api;
    private String tenant;
    private String key;
    private Map<String, String> accounts;
    private String reel;

    @BeforeEach
    void connectedTenantWithAPortraitVideo() throws Exception {
        api = api();
        tenant = api.createTenant("Reels " + UUID.randomUUID().toString().substring(0, 8), "enterprise");
        key = api.createKey(tenant, "read", "write");
        accounts = PostingFixtures.connect(api, tenant, key);
        reel = PostingFixtures.upload(port, tenant, key, "reel.mp4", TestVideos.of().size(360, 640).seconds(4).bytes());
    }

    @AfterEach
    void disconnect() {
        accounts.values().forEach(id -> api.delete("/api/v1/tenants/" + tenant + "/accounts/" + id, key));
    }

    private String create(List<String> assets, String format, String caption) {
        ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of("caption", caption,
                "asset_ids", assets, "publish_now", true,
                "targets", List.of(Map.of("account_id", accounts.get(INSTAGRAM), "format", format))));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }

    @Test
    void aReelIsPublishedOnceWithItsVideoAndTheChosenCoverFrame() {
        assertThat(api.put("/api/v1/tenants/" + tenant + "/assets/" + reel + "/cover", key,
                Map.of("offset_ms", 2000)).status()).isEqualTo(200);

        String post = create(List.of(reel), "reel", "Wood-fired, start to finish #pizza");

        JsonNode delivery = PostingFixtures.onlyDelivery(PostingFixtures.awaitStatus(api, tenant, key, post,
                "published"));
        assertThat(delivery.path("format").asString()).isEqualTo("reel");
        assertThat(delivery.path("attempts")).hasSize(1);
        assertThat(delivery.path("attempts").get(0).path("container_id").asString()).isNotBlank();
        List<JsonNode> published = PostingFixtures.published(api);
        assertThat(published).hasSize(1);
        assertThat(published.getFirst().path("caption").asString()).isEqualTo("Wood-fired, start to finish #pizza");
        assertThat(published.getFirst().path("image_urls").get(0).asString()).contains("/media/" + reel + "/original");
    }

    @Test
    void aReelKeptOutOfTheFeedIsPublishedOnceToTheReelsTabOnly() {
        ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                "caption", "Only in Reels", "asset_ids", List.of(reel), "publish_now", true,
                "targets", List.of(Map.of("account_id", accounts.get(INSTAGRAM), "format", "reel",
                        "share_to_feed", false))));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String shared = create(List.of(reel), "reel", "In the grid too");

        PostingFixtures.awaitStatus(api, tenant, key, created.text("id"), "published");
        PostingFixtures.awaitStatus(api, tenant, key, shared, "published");

        List<JsonNode> published = PostingFixtures.published(api);
        assertThat(published).hasSize(2);
        String owner = published.getFirst().path("owner_id").asString();
        List<String> grid = new java.util.ArrayList<>();
        api.get("/sandbox/admin/accounts/" + owner + "/feed", null).body().path("data")
                .forEach(item -> grid.add(item.path("caption").asString()));
        assertThat(grid).containsExactly("In the grid too");
        assertThat(published).anySatisfy(p -> {
            assertThat(p.path("caption").asString()).isEqualTo("Only in Reels");
            assertThat(p.path("kind").asString()).isEqualTo("reel");
            assertThat(p.path("in_feed").asBoolean()).isFalse();
        });
    }

    @Test
    void aVideoStoryGoesOutWithoutCaption_aCarouselMixesAPhotoAndTheVideo() throws Exception {
        String story = create(List.of(reel), "story", "Not shown on a Story");
        String photo = PostingFixtures.upload(port, tenant, key);
        // In a carousel a video keeps to the feed's aspect ratios (4:5 to 1.91:1): a square one.
        String square = PostingFixtures.upload(port, tenant, key, "square.mp4",
                TestVideos.of().size(480, 480).seconds(3).bytes());
        String carousel = create(List.of(photo, square), "feed", "Tonight's two");

        PostingFixtures.awaitStatus(api, tenant, key, story, "published");
        PostingFixtures.awaitStatus(api, tenant, key, carousel, "published");
        List<JsonNode> published = PostingFixtures.published(api);
        assertThat(published).hasSize(2);
        assertThat(published).anySatisfy(p -> {
            assertThat(p.path("caption").isNull() || p.path("caption").isMissingNode()).isTrue();
            assertThat(p.path("image_urls").get(0).asString()).contains("/media/" + reel + "/original");
        });
        assertThat(published).anySatisfy(p -> {
            assertThat(p.path("caption").asString()).isEqualTo("Tonight's two");
            assertThat(p.path("image_urls").get(0).asString()).contains("/media/" + photo + "/instagram");
            assertThat(p.path("image_urls").get(1).asString()).contains("/media/" + square + "/original");
        });
    }

    @Test
    void anAttemptThatStopsWhileTheReelProcessesIsResumedWithTheSameContainerAndPublishedOnce() {
        // The first look at the processing container gets no usable answer: the attempt ends without an outcome,
        // as one does when its instance dies while Instagram processes the video.
        assertThat(api.post("/sandbox/admin/faults", null, Map.of("operation", "ig/container", "code", 2,
                "is_transient", true)).status()).isEqualTo(201);

        String post = create(List.of(reel), "reel", "Plating, once");

        JsonNode delivery = PostingFixtures.onlyDelivery(PostingFixtures.awaitStatus(api, tenant, key, post,
                "published"));
        JsonNode attempts = delivery.path("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).path("outcome").asString()).isEqualTo("transient");
        assertThat(attempts.get(1).path("outcome").asString()).isEqualTo("published");
        // The second attempt published the container the first one made: the video was processed once.
        assertThat(attempts.get(1).path("container_id").asString())
                .isEqualTo(attempts.get(0).path("container_id").asString());
        assertThat(PostingFixtures.published(api)).hasSize(1);
    }

    @Test
    void aVideoInstagramCannotProcessFailsTheDeliveryWithTheReason() {
        assertThat(api.post("/sandbox/admin/container-outcomes", null, Map.of("status", "ERROR", "times", 1))
                .status()).isIn(200, 201, 204);

        String post = create(List.of(reel), "reel", "Will not process");

        JsonNode delivery = PostingFixtures.onlyDelivery(PostingFixtures.awaitStatus(api, tenant, key, post,
                "failed"));
        assertThat(delivery.path("failure").path("message").asString()).isNotBlank();
        assertThat(PostingFixtures.published(api)).isEmpty();
    }
}
