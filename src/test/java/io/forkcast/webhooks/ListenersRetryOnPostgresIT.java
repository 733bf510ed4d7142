package io.forkcast.webhooks;

import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.support.PostgresOwnerConnection;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The database refuses the writes that follow a published post for a while (their inserts denied, as a busy pool's
 * time-outs or a failover fail them): the webhook messages and the first engagement figures are not lost, they are
 * written once the database takes them again, without a restart: the messages by the {@code event-retry} job, the
 * figures by their {@code first-engagement} job running again.
 */
class ListenersRetryOnPostgresIT extends PostgresIntegrationTest {

    private static HttpsReceiver receiver;
    /** This test's tenant's first-engagement jobs (other classes' posts share the database). */
    private static final String FIRST_ENGAGEMENT_JOBS = "select count(*) from scheduled_tasks where task_name = "
            + "'first-engagement' and task_instance in (select id::text from post_deliveries where tenant_id = ?)";

    @DynamicPropertySource
    static void settings(DynamicPropertyRegistry registry) {
        registry.add("forkcast.events.retry-interval", () -> "2s");
        registry.add("forkcast.posts.first-engagement-after", () -> "1s");
        registry.add("forkcast.jobs.polling-interval", () -> "500ms");
        registry.add("forkcast.webhooks.allow-private-addresses", () -> "true");
        registry.add("forkcast.webhooks.ssl-bundle", () -> "webhook-receivers");
        registry.add("spring.ssl.bundle.jks.webhook-receivers.truststore.location",
                () -> "file:" + new File("src/test/resources/webhooks/receiver.p12").getAbsolutePath());
        registry.add("spring.ssl.bundle.jks.webhook-receivers.truststore.password", () -> "test-receiver");
        registry.add("spring.ssl.bundle.jks.webhook-receivers.truststore.type", () -> "PKCS12");
    }

    @AfterEach
    void grantBack() throws Exception {
        try (PostgresOwnerConnection owner = PostgresOwnerConnection.open()) {
            owner.update("grant insert on webhook_messages, engagement_snapshots to forkcast_app");
        }
        if (receiver != null) {
            receiver.close();
            receiver = null;
        }
    }

    @Test
    void webhookMessagesAndFirstEngagementOfAPublishedPostSurviveTheDatabaseRefusingThem()
            throws Exception {
        receiver = new HttpsReceiver();
        ApiClient api = api();
        api.post("/sandbox/admin/reset", null, null);
        String tenant = api.createTenant("Refused Diner " + System.nanoTime(), "pro");
        String key = api.createKey(tenant, "read", "write", "admin");
        ApiClient.Response endpoint = api.post("/api/v1/tenants/" + tenant + "/webhooks", key,
                Map.of("url", receiver.url("/kitchen"), "events", List.of("delivery.published", "post.published")));
        assertThat(endpoint.status()).as(endpoint.raw().body()).isEqualTo(201);
        Map<String, String> accounts = PostingFixtures.connect(api, tenant, key);
        String asset = PostingFixtures.upload(port, tenant, key);
        UUID tenantId = UUID.fromString(tenant);

        try (PostgresOwnerConnection owner = PostgresOwnerConnection.open()) {
            owner.update("revoke insert on webhook_messages, engagement_snapshots from forkcast_app");
            ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                    "targets", PostingFixtures.targets(accounts.get(PostingFixtures.PAGE),
                            accounts.get(PostingFixtures.INSTAGRAM)),
                    "caption", "Refused for a while", "asset_ids", List.of(asset), "publish_now", true));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            PostingFixtures.awaitStatus(api, tenant, key, created.text("id"), "published");
            // Two deliveries published, one post published: three webhook listener runs and two first-engagement
            // job runs, each refused by the database.
            await().atMost(Duration.ofSeconds(30)).until(() -> owner.count(
                    "select count(*) from event_publication where status = 'FAILED'") >= 3
                    && owner.count(FIRST_ENGAGEMENT_JOBS + " and consecutive_failures > 0", tenantId) == 2);
            assertThat(owner.count("select count(*) from webhook_messages where tenant_id = ?", tenantId)).isZero();
            assertThat(owner.count("select count(*) from engagement_snapshots where tenant_id = ?", tenantId)).isZero();

            owner.update("grant insert on webhook_messages, engagement_snapshots to forkcast_app");
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                assertThat(owner.count("select count(*) from webhook_messages where tenant_id = ?", tenantId))
                        .as("two delivery.published and one post.published").isEqualTo(3);
                assertThat(owner.count("select count(*) from engagement_snapshots where tenant_id = ?", tenantId))
                        .as("the first figures of each delivery").isEqualTo(2);
            });
            assertThat(owner.count("select count(*) from event_publication where status = 'FAILED'")).isZero();
            assertThat(owner.count(FIRST_ENGAGEMENT_JOBS, tenantId)).as("done, not waiting").isZero();
        }
    }
}
