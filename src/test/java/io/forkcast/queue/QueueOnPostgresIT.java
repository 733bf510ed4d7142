package io.forkcast.queue;

import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.support.PostgresOwnerConnection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The queue's SQL on the real PostgreSQL under row-level security: slots written and read, posts queued at once
 * taking distinct slots (the slot rows' lock), the reflow after a cancel, a recurrence and its occurrences, and a
 * tenant-isolation policy on each new table.
 */
class QueueOnPostgresIT extends PostgresIntegrationTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    @Autowired
    Recurrences recurrences;

    @Test
    void slotsQueueReflowAndRecurrencesWorkUnderRowLevelSecurity() throws Exception {
        ApiClient api = api();
        api.post("/sandbox/admin/reset", null, null);
        String tenant = api.createTenant("Queue Diner " + System.nanoTime(), "pro");
        String key = api.createKey(tenant, "read", "write");
        assertThat(api.patch("/api/v1/tenants/" + tenant, OPERATOR_TOKEN, Map.of("timezone", "Europe/Paris"))
                .status()).isEqualTo(200);
        Map<String, String> accounts = PostingFixtures.connect(api, tenant, key);
        String instagram = accounts.get(PostingFixtures.INSTAGRAM);
        String asset = PostingFixtures.upload(port, tenant, key);
        try {
            List<Map<String, String>> week = List.of("monday", "tuesday", "wednesday", "thursday", "friday",
                    "saturday", "sunday").stream().flatMap(day -> List.of(Map.of("day", day, "time", "07:00"),
                    Map.of("day", day, "time", "13:00"), Map.of("day", day, "time", "21:00")).stream()).toList();
            ApiClient.Response put = api.put("/api/v1/tenants/" + tenant + "/accounts/" + instagram + "/slots", key,
                    Map.of("slots", week));
            assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
            assertThat(put.body().path("items")).hasSize(21);

            List<Callable<ApiClient.Response>> queued = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                int n = i;
                queued.add(() -> api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                        "targets", PostingFixtures.targets(instagram), "caption", "Queued " + n,
                        "asset_ids", List.of(asset), "queue", true)));
            }
            List<Instant> times = new java.util.ArrayList<>();
            List<String> ids = new java.util.ArrayList<>();
            try (var pool = Executors.newFixedThreadPool(6)) {
                for (Future<ApiClient.Response> result : pool.invokeAll(queued)) {
                    ApiClient.Response created = result.get();
                    assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
                    times.add(Instant.parse(created.text("scheduled_for")));
                    ids.add(created.text("id"));
                }
            }
            assertThat(times).doesNotHaveDuplicates();
            times.forEach(t -> assertThat(t.atZone(PARIS).toLocalTime()).isIn(LocalTime.of(7, 0),
                    LocalTime.of(13, 0), LocalTime.of(21, 0)));
            Instant first = times.stream().min(Instant::compareTo).orElseThrow();
            Instant last = times.stream().max(Instant::compareTo).orElseThrow();
            String firstId = ids.get(times.indexOf(first));
            String lastId = ids.get(times.indexOf(last));
            assertThat(api.delete("/api/v1/tenants/" + tenant + "/posts/" + firstId, key).status()).isEqualTo(200);
            JsonNode moved = api.get("/api/v1/tenants/" + tenant + "/posts/" + lastId, key).body();
            assertThat(Instant.parse(moved.path("scheduled_for").asString())).isBefore(last);

            // A slot removed while more posts are queued at once: its queued post moves, and no two waiting posts
            // share a time (removing locks the tenant's slot rows in the order queueing does).
            JsonNode slots = api.get("/api/v1/tenants/" + tenant + "/accounts/" + instagram + "/slots", key).body();
            Instant earliest = ids.stream().filter(id -> !id.equals(firstId)).map(id -> Instant.parse(api.get(
                    "/api/v1/tenants/" + tenant + "/posts/" + id, key).text("scheduled_for")))
                    .min(Instant::compareTo).orElseThrow();
            String earliestSlot = null;
            for (JsonNode slot : slots.path("items")) {
                if (slot.path("day").asString().equalsIgnoreCase(earliest.atZone(PARIS).getDayOfWeek().name())
                        && LocalTime.parse(slot.path("time").asString()).equals(earliest.atZone(PARIS).toLocalTime())) {
                    earliestSlot = slot.path("id").asString();
                }
            }
            assertThat(earliestSlot).isNotNull();
            String removed = earliestSlot;
            List<Callable<ApiClient.Response>> racing = new java.util.ArrayList<>();
            racing.add(() -> api.delete("/api/v1/tenants/" + tenant + "/accounts/" + instagram + "/slots/" + removed,
                    key));
            for (int i = 0; i < 4; i++) {
                int n = i;
                racing.add(() -> api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                        "targets", PostingFixtures.targets(instagram), "caption", "Racing " + n,
                        "asset_ids", List.of(asset), "queue", true)));
            }
            try (var pool = Executors.newFixedThreadPool(5)) {
                for (Future<ApiClient.Response> result : pool.invokeAll(racing)) {
                    ApiClient.Response answer = result.get();
                    assertThat(answer.status()).as(answer.raw().body()).isIn(201, 204);
                    if (answer.status() == 201) {
                        ids.add(answer.text("id"));
                    }
                }
            }
            List<Instant> waiting = new java.util.ArrayList<>();
            for (String id : ids) {
                JsonNode post = api.get("/api/v1/tenants/" + tenant + "/posts/" + id, key).body();
                if (post.path("status").asString().equals("scheduled")) {
                    waiting.add(Instant.parse(post.path("scheduled_for").asString()));
                }
            }
            assertThat(waiting).hasSize(9).doesNotHaveDuplicates().doesNotContain(earliest);

            ApiClient.Response recurrence = api.post("/api/v1/tenants/" + tenant + "/recurrences", key, Map.of(
                    "kind", "every_n_days", "every_days", 3, "time", "18:30", "count", 3,
                    "starts_on", LocalDate.now(PARIS).plusDays(1).toString(), "account_ids", List.of(instagram),
                    "asset_ids", List.of(asset), "subject", "Soup of the day"));
            assertThat(recurrence.status()).as(recurrence.raw().body()).isEqualTo(201);
            // The request creates the first occurrence; the recurring-posts job the others.
            assertThat(recurrence.body().path("created").asInt()).isEqualTo(1);
            recurrences.fillAll();
            JsonNode read = api.get("/api/v1/tenants/" + tenant + "/recurrences/" + recurrence.text("id"), key).body();
            assertThat(read.path("created").asInt()).isEqualTo(3);
            assertThat(read.path("status").asString()).isEqualTo("ended");
            assertThat(read.path("occurrences")).hasSize(3);
            assertThat(api.get("/api/v1/tenants/" + tenant + "/recurrences", key).body().path("items")).hasSize(1);

            try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
                List<String> tables = List.of("posting_slots", "recurrences", "recurrence_occurrences");
                assertThat(db.column("select relname from pg_class where relrowsecurity and relname = any(?)",
                        (Object) tables.toArray(String[]::new))).containsExactlyInAnyOrderElementsOf(tables);
            }
        } finally {
            accounts.values().forEach(account -> api.delete("/api/v1/tenants/" + tenant + "/accounts/" + account,
                    key));
        }
    }
}
