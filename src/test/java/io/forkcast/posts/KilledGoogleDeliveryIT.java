package io.forkcast.posts;

import io.forkcast.accounts.GoogleConnectSteps;
import io.forkcast.support.ApiClient;
import io.forkcast.support.PackagedInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance killed with {@code kill -9} at the dangerous moment of a Google delivery, as {@link KilledInstanceIT}
 * does for Meta: Google has made the offer, but the instance has not written down that it did. The packaged
 * application runs as real processes on PostgreSQL; one process plays Google (jobs off) and holds the answer to the
 * create call for minutes after making the post, so instance A waits for it with its attempt recorded as pending and
 * is killed while it waits. Instance B takes the job over once A's heartbeats stop, lists the location's posts, finds
 * the offer and records it: one offer at Google, and the delivery names it.
 */
class KilledGoogleDeliveryIT {

    private static final String SUMMARY = "Killed while Google made the tiramisu offer";
    private static final String LOCATION = GoogleConnectSteps.ACCOUNT + "/" + GoogleConnectSteps.LOCATION;

    private PackagedInstances instances;

    @AfterEach
    void killEverything() throws InterruptedException {
        if (instances != null) {
            instances.close();
        }
    }

    @Test
    void anOfferWhoseInstanceIsKilledAfterGoogleMadeItIsRecordedOnceByTheNext() throws Exception {
        instances = PackagedInstances.onOwnDatabase("killed_google");
        PackagedInstances.Instance google = instances.startSandbox();
        // A's read timeout outlasts the held answer: A is still waiting, its attempt pending, when it is killed.
        PackagedInstances.Instance a = instances.startPublisher("a", "--forkcast.google.read-timeout=10m");
        ApiClient api = a.api();
        String tenant = api.createTenant("Killed Offer " + System.nanoTime(), "enterprise");
        String key = api.createKey(tenant, "read", "write");
        String location = new GoogleConnectSteps(api).connectLocation(tenant, key);
        String photo = PostingFixtures.upload(a.port(), tenant, key, 2000, 1500);
        ApiClient sandbox = google.api();
        // The next create takes effect at Google, then its answer is held far longer than the kill takes.
        ApiClient.Response held = sandbox.post("/sandbox/google/admin/faults", null, Map.of(
                "operation", "localPosts/create", "http_status", 503, "latency_ms", Duration.ofMinutes(5).toMillis(),
                "after_success", true));
        assertThat(held.status()).as(held.raw().body()).isEqualTo(204);

        LocalDate tomorrow = LocalDate.now().plusDays(1);
        ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                "caption", SUMMARY, "asset_ids", List.of(photo), "publish_now", true,
                "targets", List.of(Map.of("account_id", location, "google", Map.of("type", "offer",
                        "title", "Tiramisu for two", "starts_at", tomorrow.atTime(18, 0).toString(),
                        "ends_at", tomorrow.plusDays(2).atTime(23, 0).toString(), "coupon_code", "TIRAMISU2",
                        "redeem_url", "https://trattoria.example/offer", "terms", "One per table.")))));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String post = "/api/v1/tenants/" + tenant + "/posts/" + created.text("id");

        // The offer is at Google while A still waits for the answer, its attempt pending: the dangerous moment.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> atGoogle(sandbox).size() == 1);
        JsonNode waiting = api.get(post, key).body().path("deliveries").get(0);
        assertThat(waiting.path("status").asString()).isEqualTo("publishing");
        assertThat(waiting.path("attempts").get(0).path("outcome").asString()).isEqualTo("pending");
        a.kill();

        PackagedInstances.Instance b = instances.startPublisher("b");
        ApiClient onB = b.api();
        JsonNode delivery = await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> onB.get(post, key).body().path("deliveries").get(0),
                        d -> d.path("status").asString().equals("published"));

        List<JsonNode> offers = atGoogle(sandbox);
        assertThat(offers).as("one offer at Google").hasSize(1);
        assertThat(offers.getFirst().path("topicType").asString()).isEqualTo("OFFER");
        assertThat(delivery.path("platform_post_id").asString()).isEqualTo(offers.getFirst().path("name").asString());
        JsonNode attempts = delivery.path("attempts");
        assertThat(attempts).as("A's attempt, and B's that found the offer").hasSize(2);
        assertThat(attempts.get(1).path("outcome").asString()).isEqualTo("reconciled");
    }

    /** The location's posts at Google with this test's summary. */
    private static List<JsonNode> atGoogle(ApiClient sandbox) {
        List<JsonNode> found = new ArrayList<>();
        sandbox.get("/sandbox/google/admin/posts", null).body().path(LOCATION).forEach(p -> {
            if (SUMMARY.equals(p.path("summary").asString(""))) {
                found.add(p);
            }
        });
        return found;
    }
}
