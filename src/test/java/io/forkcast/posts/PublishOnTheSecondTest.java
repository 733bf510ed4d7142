package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.EmbeddedApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On the embedded default a post goes out at its time, not at the job runner's next look at the table: the polling
 * interval here is an hour (and the recurring jobs, which would wake the runner too, run hourly), so after its
 * first look at start-up the runner only looks again because it woke at the post's time.
 */
@TestPropertySource(properties = {"forkcast.jobs.polling-interval=1h", "forkcast.posts.engagement-interval=1h",
        "forkcast.posts.sweep-interval=1h"})
class PublishOnTheSecondTest extends EmbeddedApiTest {

    @Autowired
    MeterRegistry meters;

    @Test
    void aPostDueInAFewSecondsStartsAtItsTimeWithoutAPollingTick() throws Exception {
        ApiClient api = api();
        api.post("/sandbox/admin/reset", null, null);
        String tenant = api.createTenant("Punctual Bistro " + UUID.randomUUID().toString().substring(0, 8), "basic");
        String key = api.createKey(tenant, "read", "write");
        Map<String, String> accounts = PostingFixtures.connect(api, tenant, key);
        String asset = PostingFixtures.upload(port, tenant, key);
        double ticks = wakeUps("tick");
        Instant due = Instant.now().plusSeconds(3).truncatedTo(ChronoUnit.SECONDS);

        ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                "targets", PostingFixtures.targets(accounts.get(PostingFixtures.PAGE),
                        accounts.get(PostingFixtures.INSTAGRAM)),
                "caption", "On the dot", "asset_ids", List.of(asset), "scheduled_for", due.toString()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.text("id");

        JsonNode post = PostingFixtures.awaitStatus(api, tenant, key, id, "published");
        assertThat(Instant.parse(post.path("scheduled_for").asString())).isEqualTo(due);
        for (JsonNode delivery : post.path("deliveries")) {
            JsonNode attempt = delivery.path("attempts").get(0);
            assertThat(Instant.parse(attempt.path("started_at").asString())).as("never before its time")
                    .isAfterOrEqualTo(due);
            assertThat(delivery.path("late").asBoolean()).isFalse();
        }
        assertThat(wakeUps("tick")).as("no polling tick came").isEqualTo(ticks);
        assertThat(wakeUps("due")).isPositive();
    }

    private double wakeUps(String reason) {
        return meters.get("forkcast.jobs.wakeups").tag("reason", reason).counter().count();
    }
}
