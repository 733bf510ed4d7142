package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Posts as CSV over HTTP: one row per delivery with its outcome, in the restaurant's time zone, and only its own. */
class PostsCsvExportTest extends SandboxedApiTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    /** The export as a spreadsheet program asks for it. */
    private HttpResponse<String> export(String tenant, String key, String query) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(HttpRequest.newBuilder(URI.create(api().baseUrl() + "/api/v1/tenants/" + tenant
                    + "/posts/export?" + query)).header("Authorization", "Bearer " + key)
                    .header("Accept", "text/csv").GET().build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private List<Map<String, String>> rows(String csv) {
        try (MappingIterator<Map<String, String>> it = CsvMapper.builder().build().readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            return it.readAll();
        }
    }

    @Test
    void theRestaurantsPostsOfTheRangeComeOneRowPerDeliveryWithTheirOutcome() throws Exception {
        ApiClient.Response tenant = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN, Map.of("name",
                "Csv Bistro " + UUID.randomUUID(), "email", "csv-" + UUID.randomUUID() + "@example.com", "plan", "pro",
                "timezone", "Europe/Paris"));
        String id = tenant.text("id");
        String key = api().createKey(id, "read", "write");
        Map<String, String> accounts = PostingFixtures.connect(api(), id, key);
        String asset = PostingFixtures.upload(port, id, key);
        String page = accounts.get(PostingFixtures.PAGE);
        String instagram = accounts.get(PostingFixtures.INSTAGRAM);
        ApiClient.Response now = api().post("/api/v1/tenants/" + id + "/posts", key, Map.of("targets",
                PostingFixtures.targets(page, instagram), "caption", "=HYPERLINK(\"x\") burrata, \"fresh\"",
                "asset_ids", List.of(asset), "publish_now", true));
        assertThat(now.status()).as(now.raw().body()).isEqualTo(201);
        PostingFixtures.awaitStatus(api(), id, key, now.text("id"), "published");
        LocalDateTime later = LocalDateTime.now(PARIS).plusDays(3).withHour(18).withMinute(0).withSecond(0).withNano(0);
        ApiClient.Response scheduled = api().post("/api/v1/tenants/" + id + "/posts", key, Map.of("targets",
                PostingFixtures.targets(page), "caption", "Friday fish", "asset_ids", List.of(asset),
                "scheduled_for", later.toString()));
        assertThat(scheduled.status()).as(scheduled.raw().body()).isEqualTo(201);

        LocalDate today = LocalDate.now(PARIS);
        HttpResponse<String> export = export(id, key, "from=" + today.minusDays(1) + "&to=" + today.plusDays(3));
        assertThat(export.statusCode()).as(export.body()).isEqualTo(200);
        assertThat(export.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(export.headers().firstValue("Content-Disposition").orElseThrow()).contains("attachment")
                .contains(".csv");
        List<Map<String, String>> rows = rows(export.body());
        assertThat(rows).hasSize(3);
        assertThat(rows).filteredOn(r -> r.get("post_id").equals(now.text("id"))).hasSize(2).allSatisfy(r -> {
            assertThat(r.get("delivery_status")).isEqualTo("published");
            assertThat(r.get("caption")).isEqualTo("'=HYPERLINK(\"x\") burrata, \"fresh\"");
            assertThat(r.get("permalink")).startsWith("http");
            assertThat(r.get("posted_at")).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+0[12]:00");
        });
        assertThat(rows).extracting(r -> r.get("platform")).containsExactlyInAnyOrder("facebook", "instagram",
                "facebook");
        Map<String, String> waiting = rows.stream().filter(r -> r.get("post_id").equals(scheduled.text("id")))
                .findFirst().orElseThrow();
        assertThat(waiting.get("delivery_status")).isEqualTo("scheduled");
        assertThat(waiting.get("scheduled_for")).startsWith(later.toString().substring(0, 16));
        assertThat(waiting.get("account")).isNotBlank();

        // Outside the range: nothing but the header.
        assertThat(rows(export(id, key, "from=2020-01-01&to=2020-01-31").body())).isEmpty();

        // Another restaurant: its own key is refused on this path, and its own export holds none of these posts.
        String other = api().createTenant("Csv Neighbour " + UUID.randomUUID(), "pro");
        String otherKey = api().createKey(other, "read");
        assertThat(export(id, otherKey, "from=" + today + "&to=" + today).statusCode()).isEqualTo(403);
        assertThat(rows(export(other, otherKey, "from=" + today.minusDays(1) + "&to=" + today.plusDays(3)).body()))
                .isEmpty();
    }

    @Test
    void badRangesAreRefusedNamingTheField() {
        String id = api().createTenant("Csv Ranges " + UUID.randomUUID(), "pro");
        String key = api().createKey(id, "read");
        String base = "/api/v1/tenants/" + id + "/posts/export";
        assertRefused(api().get(base + "?from=yesterday&to=2026-01-01", key), "from");
        assertRefused(api().get(base + "?from=2026-02-01&to=2026-01-01", key), "to");
        assertRefused(api().get(base + "?from=2024-01-01&to=2026-01-01", key), "to");
        assertThat(api().get(base + "?from=2026-01-01", key).status()).isEqualTo(400);
    }

    private static void assertRefused(ApiClient.Response response, String field) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.raw().body()).contains(field);
    }
}
