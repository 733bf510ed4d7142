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

    private static final String PAGE = "200000000000001";
    private static final String INSTAGRAM = "17841400000000001";

    @org.springframework.beans.factory.annotation.Autowired
    private org.springframework.core.env.Environment environment;

    @Test
    void twoInstancesPublishEachOf500PostsDueInTheSameMinuteExactlyOnce() throws Exception {
        ApiClient api = api();
        api.post("/sandbox/admin/reset", null, null);
        String tenant = api.createTenant("Busy Diner " + System.nanoTime(), "bulk");
        String key = api.createKey(tenant, "read", "write");
        Map<String, String> accounts = connect(api, tenant, key);
        String asset = upload(tenant, key);
        List<String> sameSettings = List.of("--forkcast.tenancy.plans.bulk.posts-per-day=1000",
                "--forkcast.tenancy.plans.bulk.api-calls-per-hour=1000000",
                // Both instances serve the media from one store, as behind a load balancer.
                "--forkcast.assets.local-root=" + environment.getRequiredProperty("forkcast.assets.local-root"));
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
            try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
                List<java.util.concurrent.Future<ApiClient.Response>> results = new ArrayList<>();
                for (int i = 0; i < requests; i++) {
                    ApiClient via = i % 2 == 0 ? api : onSecond;
                    int n = i;
                    results.add(pool.submit(() -> via.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                            "account_ids", List.of(accounts.get(PAGE), accounts.get(INSTAGRAM)),
                            "caption", "Dish number " + n, "asset_ids", List.of(asset),
                            "scheduled_for", due.toString()))));
                }
                for (var result : results) {
                    ApiClient.Response created = result.get();
                    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
                }
            }
            assertThat(Instant.now()).as("all posts created before they were due").isBefore(due);
            await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(2)).until(() ->
                    published(api, tenant, key) == 2 * requests);
            List<JsonNode> published = new ArrayList<>();
            api.get("/sandbox/admin/published", null).body().path("data").forEach(published::add);
            assertThat(published).hasSize(2 * requests);
            Set<String> distinct = new HashSet<>();
            published.forEach(p -> distinct.add(p.path("owner_id").asString() + "|" + p.path("caption").asString()));
            assertThat(distinct).hasSize(2 * requests);
            try (PostgresOwnerConnection owner = PostgresOwnerConnection.open()) {
                assertThat(owner.count("select count(*) from post_attempts a join post_history p on p.id = a.post_id "
                        + "where p.tenant_id = ?", UUID.fromString(tenant))).isEqualTo(2 * requests);
                assertThat(owner.count("select count(*) from post_history where tenant_id = ? and status <> "
                        + "'published'", UUID.fromString(tenant))).isZero();
            }
        }
    }

    /** Published posts of a tenant, counted page by page. */
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
    void nineInTheMorningInNewYorkIsNineOnBothSidesOfTheSpringDstChange() throws Exception {
        ApiClient api = api();
        String tenant = api.createTenant("Dst Diner " + System.nanoTime(), "basic");
        String key = api.createKey(tenant, "read", "write");
        assertThat(api.patch("/api/v1/tenants/" + tenant, OPERATOR_TOKEN, Map.of("timezone", "America/New_York"))
                .status()).isEqualTo(200);
        Map<String, String> accounts = connect(api, tenant, key);
        String asset = upload(tenant, key);
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
                    "account_ids", List.of(accounts.get(INSTAGRAM)), "caption", "Brunch " + day,
                    "asset_ids", List.of(asset), "scheduled_for", day + "T09:00:00"));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            String id = created.body().path("posts").get(0).path("id").asString();
            assertThat(Instant.parse(created.body().path("posts").get(0).path("scheduled_for").asString()))
                    .isEqualTo(expected);
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

    private Map<String, String> connect(ApiClient api, String tenant, String key) {
        Browser browser = new Browser();
        ApiClient.Response link = api.get("/api/v1/oauth/facebook/authorize?tenant_id=" + tenant, key);
        assertThat(link.status()).isEqualTo(200);
        URI callback = browser.submitAndStop(browser.open(URI.create(link.text("authorization_url"))), "approve",
                Set.of(PAGE));
        assertThat(api.get(callback.getRawPath() + "?" + callback.getRawQuery(), null).status()).isEqualTo(200);
        Map<String, String> ids = new java.util.HashMap<>();
        for (JsonNode account : api.get("/api/v1/tenants/" + tenant + "/accounts", key).body().path("items")) {
            ids.put(account.path("platform_user_id").asString(), account.path("id").asString());
        }
        return ids;
    }

    private String upload(String tenant, String key) throws Exception {
        BufferedImage image = new BufferedImage(1080, 1080, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", jpeg);
        String boundary = "----forkcast" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dish.jpg\""
                + "\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(jpeg.toByteArray());
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/tenants/" + tenant + "/assets"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(response.body()).path("id").asString();
    }
}
