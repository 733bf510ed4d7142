package io.forkcast.webhooks;

import io.forkcast.support.ApiClient;
import io.forkcast.support.PackagedInstances;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sending instance killed with {@code kill -9} while webhook messages are queued and in flight: the packaged
 * application run as real processes on PostgreSQL, a real HTTPS receiver here that holds A's requests open.
 * Instance A queues the messages and starts sending; it is killed with the messages it sent held by the receiver
 * (in flight, unanswered) and the rest still queued; instance B takes over A's jobs once A's heartbeats stop. Every message reaches the
 * receiver at least once, under the id it was queued with (a repeat has the same {@code webhook-id}, so a receiver
 * that drops ids it has seen gets each exactly once), and none is lost.
 */
class KilledSenderIT {

    private static final int MESSAGES = 24;

    private PackagedInstances instances;
    private HttpsReceiver receiver;

    @AfterEach
    void killEverything() throws InterruptedException {
        if (instances != null) {
            instances.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void afterKillMinus9EveryQueuedAndInFlightMessageArrivesUnderItsOwnId() throws Exception {
        instances = PackagedInstances.onOwnDatabase("killed_sender");
        receiver = new HttpsReceiver();
        String path = "/kitchen-" + UUID.randomUUID();
        // A's requests are held open (within the sender's 15 s answer timeout): when A dies, the ones it sent are
        // in flight, unanswered, and the others are still queued.
        receiver.delay(path, Duration.ofSeconds(10));
        List<String> sender = List.of(
                "--forkcast.webhooks.allow-private-addresses=true",
                "--forkcast.webhooks.ssl-bundle=webhook-receivers",
                "--spring.ssl.bundle.jks.webhook-receivers.truststore.location=file:"
                        + new File("src/test/resources/webhooks/receiver.p12").getAbsolutePath(),
                "--spring.ssl.bundle.jks.webhook-receivers.truststore.password=test-receiver",
                "--spring.ssl.bundle.jks.webhook-receivers.truststore.type=PKCS12",
                "--forkcast.jobs.threads=4", "--forkcast.jobs.polling-interval=500ms",
                "--forkcast.jobs.heartbeat-interval=1s", "--forkcast.jobs.missed-heartbeats-limit=4");
        int portA = PackagedInstances.freePort();
        Process a = instances.start("a", portA, sender);
        ApiClient api = new ApiClient(portA);
        String tenant = api.createTenant("Kill Kitchen " + System.nanoTime(), "pro");
        String key = api.createKey(tenant, "read", "write", "admin");
        ApiClient.Response endpoint = api.post("/api/v1/tenants/" + tenant + "/webhooks", key,
                Map.of("url", receiver.url(path), "events", List.of("delivery.published")));
        assertThat(endpoint.status()).as(endpoint.raw().body()).isEqualTo(201);
        String hooks = "/api/v1/tenants/" + tenant + "/webhooks/" + endpoint.text("id");

        // Queued in the request's transaction, each one: once the answer says 202, the message is in the database.
        Set<String> queued = new LinkedHashSet<>();
        for (int i = 0; i < MESSAGES; i++) {
            ApiClient.Response test = api.post(hooks + "/test", key, null);
            assertThat(test.status()).as(test.raw().body()).isEqualTo(202);
            queued.add(test.text("id"));
        }
        assertThat(queued).hasSize(MESSAGES);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> !receiver.at(path).isEmpty());
        a.destroyForcibly().waitFor();
        Set<String> beforeKill = ids(receiver.at(path));
        assertThat(beforeKill).as("killed mid-way").hasSizeLessThan(MESSAGES);
        receiver.delay(path, Duration.ofMillis(100));

        int portB = PackagedInstances.freePort();
        instances.start("b", portB, sender);
        ApiClient onB = new ApiClient(portB);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> ids(receiver.at(path)).containsAll(queued));
        List<HttpsReceiver.Received> got = receiver.at(path);
        assertThat(ids(got)).as("no message the sender did not queue").isEqualTo(queued);
        Map<String, Integer> times = new HashMap<>();
        got.forEach(message -> times.merge(message.id(), 1, Integer::sum));
        // Every copy of a message is the same message: its id, its body.
        Map<String, String> bodies = new HashMap<>();
        for (HttpsReceiver.Received message : got) {
            String first = bodies.putIfAbsent(message.id(), message.body());
            assertThat(first == null || first.equals(message.body())).as(message.id()).isTrue();
        }
        // And B's log has each one delivered.
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            int delivered = 0;
            String cursor = null;
            do {
                ApiClient.Response page = onB.get(hooks + "/messages?limit=200"
                        + (cursor == null ? "" : "&cursor=" + cursor), key);
                for (var message : page.body().path("items")) {
                    if (message.path("status").asString().equals("delivered")) {
                        delivered++;
                    }
                }
                cursor = page.body().path("next_cursor").isNull() ? null
                        : page.body().path("next_cursor").asString();
            } while (cursor != null);
            return delivered == MESSAGES;
        });
        long repeated = times.values().stream().filter(n -> n > 1).count();
        System.out.printf("KilledSenderIT: %d messages, %d received before the kill, %d received more than once "
                + "(same webhook-id), %d requests in all%n", MESSAGES, beforeKill.size(), repeated, got.size());
    }

    private static Set<String> ids(List<HttpsReceiver.Received> received) {
        Set<String> ids = new LinkedHashSet<>();
        received.forEach(message -> ids.add(message.id()));
        return ids;
    }
}
