package io.forkcast.posts;

import io.forkcast.ForkcastApplication;
import io.forkcast.support.ApiClient;
import io.forkcast.support.Browser;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.support.PostgresOwnerConnection;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Publishing on the real PostgreSQL under row-level security: two instances, one job table, each post once. */
@TestPropertySource(properties = {"forkcast.jobs.polling-interval=500ms", "forkcast.jobs.threads=8",
        // The next DST change may be further ahead than the default horizon.
        "forkcast.posts.horizon=400d", "forkcast.tenancy.plans.bulk.posts-per-day=1000",
        "forkcast.tenancy.plans.bulk.api-calls-per-hour=1000000", "forkcast.sandbox.instagram-publishing-limit=1000"})
class PublishingOnPostgresIT extends PostgresIntegrationTest {

    private static final String PAGE = PostingFixtures.PAGE;
    private static final String INSTAGRAM = PostingFixtures.INSTAGRAM;

    /** One media store for both instances, as behind a load balancer (resolved once: not a random per lookup). */
    private static final java.nio.file.Path MEDIA = newMediaRoot();

    @org.springframework.test.context.DynamicPropertySource
    static void sharedMediaRoot(org.springframework.test.context.DynamicPropertyRegistry registry) {
        registry.add("forkcast.assets.local-root", MEDIA::toString);
    }

    private static java.nio.file.Path newMediaRoot() {
        try {
            return java.nio.file.Files.createTempDirectory("forkcast-publishing-it-media");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder()
            .build();

    @Test
    void twoInstancesPublishEachOf500PostsDueInTheSameMinuteExactlyOnce() throws Exception {
        ApiClient api = api();
        api.post("/sandbox/admin/reset", null, null);
        String tenant = api.createTenant("Busy Diner " + System.nanoTime(), "bulk");
        String key = api.createKey(tenant, "read", "write");
        Map<String, String> accounts = PostingFixtures.connect(api, tenant, key);
        String asset = PostingFixtures.upload(port, tenant, key);
        List<String> sameSettings = List.of("--forkcast.tenancy.plans.bulk.posts-per-day=1000",
                "--forkcast.tenancy.plans.bulk.api-calls-per-hour=1000000",
                // Both instances serve the media from one store, as behind a load balancer.
                "--forkcast.assets.local-root=" + MEDIA);
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--forkcast.jobs.polling-interval=500ms",
                "--forkcast.jobs.threads=8",
                // One pretend Facebook for both instances: the first one's sandbox.
                "--forkcast.meta.graph-base-url=http://127.0.0.1:" + port + "/sandbox/graph"));
        args.addAll(sameSettings);
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(ForkcastApplication.class)
                .profiles("postgres", "test-postgres").run(args.toArray(String[]::new))) {
            ApiClient onSecond = new ApiClient(second.getEnvironment().getRequiredProperty("local.server.port",
                    Integer.class));
            // Created ahead, in parallel through both instances; all due in the same second.
            Instant due = Instant.now().plusSeconds(30).truncatedTo(ChronoUnit.SECONDS);
            int requests = 250;
            PostingFixtures.createInParallel(List.of(api, onSecond), tenant, key, accounts, asset, "Dish number ",
                    requests, due);
            assertThat(Instant.now()).as("all posts created before they were due").isBefore(due);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).until(() ->
                    published(api, tenant, key) == requests);
            List<JsonNode> published = new ArrayList<>();
            api.get("/sandbox/admin/published", null).body().path("data").forEach(published::add);
            assertThat(published).hasSize(2 * requests);
            Set<String> distinct = new HashSet<>();
            published.forEach(p -> distinct.add(p.path("owner_id").asString() + "|" + p.path("caption").asString()));
            assertThat(distinct).hasSize(2 * requests);
            try (PostgresOwnerConnection owner = PostgresOwnerConnection.open()) {
                assertThat(owner.count("select count(*) from post_attempts where tenant_id = ?",
                        UUID.fromString(tenant))).isEqualTo(2 * requests);
                assertThat(owner.count("select count(*) from post_deliveries where tenant_id = ? and status <> "
                        + "'published'", UUID.fromString(tenant))).isZero();
                assertThat(owner.count("select count(*) from posts where tenant_id = ? and status = 'published'",
                        UUID.fromString(tenant))).isEqualTo(requests);
            }
        }
    }

    /** Published posts of a tenant (each with its two deliveries), counted page by page. */
    private static int published(ApiClient api, String tenant, String key) {
        int count = 0;
        String after = null;
        do {
            JsonNode page = api.get("/api/v1/tenants/" + tenant + "/posts?status=published&limit=200"
                    + (after == null ? "" : "&cursor=" + after), key).body();
            count += page.path("items").size();
            after = page.path("next_cursor").isMissingNode() || page.path("next_cursor").isNull() ? null
                    : page.path("next_cursor").asString();
        } while (after != null);
        return count;
    }

    @Test
    void anIdempotencyKeyReplaysUnderRowLevelSecurity_andADisconnectHoldsTheDeliveriesInTheTenantsScope()
            throws Exception {
        ApiClient api = api();
        String tenant = api.createTenant("Keyed Diner " + System.nanoTime(), "basic");
        String key = api.createKey(tenant, "read", "write");
        Map<String, String> accounts = PostingFixtures.connect(api, tenant, key);
        String asset = PostingFixtures.upload(port, tenant, key);
        String body = "{\"targets\": [{\"account_id\": \"" + accounts.get(PostingFixtures.PAGE) + "\"}, "
                + "{\"account_id\": \"" + accounts.get(INSTAGRAM) + "\"}], \"caption\": \"Keyed\", "
                + "\"asset_ids\": [\"" + asset + "\"], \"scheduled_for\": \""
                + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}";
        HttpResponse<String> first = postWithKey(tenant, key, body, "pg-key");
        HttpResponse<String> again = postWithKey(tenant, key, body, "pg-key");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        String postId = JSON.readTree(first.body()).path("id").asString();
        try (PostgresOwnerConnection owner = PostgresOwnerConnection.open()) {
            assertThat(owner.count("select count(*) from posts where tenant_id = ?", UUID.fromString(tenant))).isOne();
            assertThat(owner.count("select count(*) from idempotency_keys where tenant_id = ?",
                    UUID.fromString(tenant))).isOne();
        }
        assertThat(api.delete("/api/v1/tenants/" + tenant + "/accounts/" + accounts.get(PostingFixtures.PAGE), key)
                .status()).isIn(200, 204);
        JsonNode held = PostingFixtures.awaitStatus(api, tenant, key, postId, "held");
        assertThat(held.path("deliveries")).extracting(d -> d.path("status").asString())
                .containsExactlyInAnyOrder("held", "scheduled");
        api.delete("/api/v1/tenants/" + tenant + "/accounts/" + accounts.get(INSTAGRAM), key);
    }

    private HttpResponse<String> postWithKey(String tenant, String key, String body, String idempotencyKey)
            throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/tenants/" + tenant + "/posts"))
                .header("Authorization", "Bearer " + key).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void nineInTheMorningInNewYorkIsNineOnBothSidesOfTheSpringDstChange() throws Exception {
        ApiClient api = api();
        String tenant = api.createTenant("Dst Diner " + System.nanoTime(), "basic");
        String key = api.createKey(tenant, "read", "write");
        assertThat(api.patch("/api/v1/tenants/" + tenant, OPERATOR_TOKEN, Map.of("timezone", "America/New_York"))
                .status()).isEqualTo(200);
        Map<String, String> accounts = PostingFixtures.connect(api, tenant, key);
        String asset = PostingFixtures.upload(port, tenant, key);
        ZoneId newYork = ZoneId.of("America/New_York");
        // The next second Sunday of March: clocks go from 02:00 EST to 03:00 EDT.
        LocalDate change = LocalDate.now(newYork).withMonth(3).withDayOfMonth(8);
        while (change.getDayOfWeek() != java.time.DayOfWeek.SUNDAY) {
            change = change.plusDays(1);
        }
        if (!change.minusDays(1).atStartOfDay(newYork).toInstant().isAfter(Instant.now())) {
            change = LocalDate.of(change.getYear() + 1, 3, 8);
            while (change.getDayOfWeek() != java.time.DayOfWeek.SUNDAY) {
                change = change.plusDays(1);
            }
        }
        for (LocalDate day : List.of(change.minusDays(1), change)) {
            Instant expected = day.atTime(9, 0).atZone(newYork).toInstant();
            ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                    "targets", PostingFixtures.targets(accounts.get(INSTAGRAM)), "caption", "Brunch " + day,
                    "asset_ids", List.of(asset), "scheduled_for", day + "T09:00:00"));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            String id = PostingFixtures.onlyDelivery(created.body()).path("id").asString();
            assertThat(Instant.parse(created.body().path("scheduled_for").asString())).isEqualTo(expected);
            try (PostgresOwnerConnection owner = PostgresOwnerConnection.open()) {
                List<Object> due = owner.column("select execution_time from scheduled_tasks where task_name = "
                        + "'publish-post' and task_instance = ?", id);
                assertThat(due).hasSize(1);
                assertThat(((Timestamp) due.getFirst()).toInstant()).isEqualTo(expected);
            }
        }
        // Across the change, 09:00 local is 14:00 UTC before and 13:00 UTC after.
        assertThat(change.minusDays(1).atTime(9, 0).atZone(newYork).toInstant().atZone(ZoneId.of("UTC")).getHour())
                .isEqualTo(14);
        assertThat(change.atTime(9, 0).atZone(newYork).toInstant().atZone(ZoneId.of("UTC")).getHour()).isEqualTo(13);
    }
}
