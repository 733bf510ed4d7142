package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.PackagedInstances;
import io.forkcast.support.TestVideos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance killed with {@code kill -9} while Instagram is still processing a Reel's video, as {@link
 * KilledInstanceIT} does for a batch of photos: the packaged application as real processes on PostgreSQL, one process
 * hosting the sandbox (jobs off) with a processing time far longer than the kill takes. Instance A creates the Reel's
 * container, records it and is killed while it polls; instance B takes the job over once A's heartbeats stop, finds
 * the container unpublished, and publishes it. The Reel is published exactly once, and the delivery names it.
 */
class KilledWhileReelProcessesIT {

    private static final String CAPTION = "Killed while the oven video processed";

    private PackagedInstances instances;

    @AfterEach
    void killEverything() throws InterruptedException {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void aReelWhoseInstanceIsKilledWhileMetaProcessesItIsPublishedOnceByTheNext() throws Exception {
        instances = PackagedInstances.onOwnDatabase("killed_reel");
        PackagedInstances.Instance sandbox = instances.startSandbox("--forkcast.sandbox.video-processing-time=40s");
        PackagedInstances.Instance a = instances.startPublisher("a");
        ApiClient api = a.api();
        String tenant = api.createTenant("Killed Reel " + System.nanoTime(), "enterprise");
        String key = api.createKey(tenant, "read", "write");
        Map<String, String> accounts = PostingFixtures.connect(api, tenant, key);
        String video = PostingFixtures.upload(a.port(), tenant, key, "oven.mp4",
                TestVideos.of().size(360, 640).seconds(4).bytes());
        ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of("caption", CAPTION,
                "asset_ids", List.of(video), "publish_now", true,
                "targets", List.of(Map.of("account_id", accounts.get(PostingFixtures.INSTAGRAM), "format", "reel"))));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String post = "/api/v1/tenants/" + tenant + "/posts/" + created.text("id");

        // A has made and recorded the container: Instagram is processing the video, A polls it.
        String container = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get(post, key).body().path("deliveries").get(0).path("attempts").path(0)
                        .path("container_id").asString(""), id -> !id.isBlank());
        a.kill();
        ApiClient sandboxApi = sandbox.api();
        assertThat(published(sandboxApi)).as("nothing published before the kill").isEmpty();

        ApiClient onB = instances.startPublisher("b").api();
        JsonNode delivery = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> onB.get(post, key).body().path("deliveries").get(0),
                        d -> d.path("status").asString().equals("published"));

        List<JsonNode> published = published(sandboxApi);
        assertThat(published).as("one Reel at Instagram").hasSize(1);
        assertThat(published.getFirst().path("kind").asString()).isEqualTo("reel");
        assertThat(delivery.path("platform_post_id").asString()).isEqualTo(published.getFirst().path("id").asString());
        // B published the container A made: the video was fetched and processed once.
        JsonNode attempts = delivery.path("attempts");
        assertThat(attempts.get(attempts.size() - 1).path("container_id").asString()).isEqualTo(container);
    }

    private static List<JsonNode> published(ApiClient sandbox) {
        List<JsonNode> all = new ArrayList<>();
        sandbox.get("/sandbox/admin/published", null).body().path("data").forEach(all::add);
        return all.stream().filter(p -> CAPTION.equals(p.path("caption").asString(""))).toList();
    }
}
