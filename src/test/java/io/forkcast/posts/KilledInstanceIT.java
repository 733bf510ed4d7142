package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.PackagedInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance killed with {@code kill -9} in the middle of publishing: the packaged application run as real
 * processes on PostgreSQL. One process hosts the pretend Facebook (sandbox on, jobs off), so what was published
 * survives the kill; instance A publishes and is killed mid-batch; instance B takes over the jobs A held once A's
 * heartbeats stop, reconciles what A may have published, and finishes. Every post is published exactly once.
 */
class KilledInstanceIT {

    private static final String PAGE = PostingFixtures.PAGE;
    private static final String INSTAGRAM = PostingFixtures.INSTAGRAM;
    private static final int REQUESTS = 30;

    private PackagedInstances instances;

    @AfterEach
    void killEverything() throws InterruptedException {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void afterKillMinus9MidBatchEveryPostIsPublishedExactlyOnce() throws Exception {
        instances = PackagedInstances.onOwnDatabase("killed");
        PackagedInstances.Instance sandbox = instances.startSandbox("--forkcast.sandbox.graph-latency=250ms",
                "--forkcast.sandbox.instagram-publishing-limit=1000");
        PackagedInstances.Instance a = instances.startPublisher("a", "--forkcast.jobs.threads=4");
        ApiClient api = a.api();
        String tenant = api.createTenant("Kill Diner " + System.nanoTime(), "enterprise");
        String key = api.createKey(tenant, "read", "write");
        Map<String, String> accounts = PostingFixtures.connect(api, tenant, key);
        String asset = PostingFixtures.upload(a.port(), tenant, key);

        Instant due = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
        PostingFixtures.createInParallel(List.of(api), tenant, key, accounts, asset, "Killed batch ", REQUESTS, due);
        ApiClient sandboxApi = sandbox.api();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> published(sandboxApi).size() >= 8);
        a.kill();
        int beforeKill = published(sandboxApi).size();
        assertThat(beforeKill).as("killed mid-batch").isLessThan(2 * REQUESTS);

        ApiClient onB = instances.startPublisher("b", "--forkcast.jobs.threads=4").api();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> onB.get("/api/v1/tenants/" + tenant + "/posts?status=published&limit=200", key).body()
                        .path("items").size() == REQUESTS);
        List<JsonNode> published = published(sandboxApi);
        Set<String> distinct = new HashSet<>();
        published.forEach(p -> distinct.add(p.path("owner_id").asString() + "|" + p.path("caption").asString()));
        assertThat(distinct).as("every post on the platform").hasSize(2 * REQUESTS);
        assertThat(published).as("none twice (%d were out before the kill)", beforeKill).hasSize(2 * REQUESTS);
    }

    private static List<JsonNode> published(ApiClient sandbox) {
        List<JsonNode> all = new ArrayList<>();
        sandbox.get("/sandbox/admin/published", null).body().path("data").forEach(all::add);
        return all.stream().filter(p -> p.path("caption").asString().startsWith("Killed batch ")).toList();
    }
}
