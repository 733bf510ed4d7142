package io.forkcast.rights;

import io.forkcast.assets.MediaStore;
import io.forkcast.posts.PostingFixtures;
import io.forkcast.shared.retention.RetainedData;
import io.forkcast.shared.retention.Retention;
import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exports over HTTP: a tenant with a connected account, a menu, a caption, an image and a published post asks for
 * an export with its admin key; the archive, downloaded by its signed link, is opened and held against what was
 * created, and holds nothing of another tenant that has data of its own, nor any secret.
 */
class DataExportTest extends SandboxedApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    Retention retention;

    @Autowired
    MediaStore store;

    @Autowired
    JdbcClient jdbc;

    private final HttpClient http = HttpClient.newHttpClient();
    private ApiClient api;
    private String tenant;
    private String admin;
    private String writer;
    private String other;
    private String otherAdmin;

    @BeforeEach
    void twoTenants() {
        api = api();
        tenant = api.createTenant("Export Trattoria " + System.nanoTime(), "pro");
        admin = api.createKey(tenant, "read", "write", "admin");
        writer = api.createKey(tenant, "read", "write");
        other = api.createTenant("Other Bistro " + System.nanoTime(), "pro");
        otherAdmin = api.createKey(other, "read", "write", "admin");
    }

    @Test
    void theArchiveHoldsWhatWasCreated_andNothingOfAnotherTenantNorAnySecret() throws Exception {
        Map<String, String> accounts = PostingFixtures.connect(api, tenant, writer);
        String item = api.post(path(tenant, "/menu-items"), writer, Map.of("name", "Risotto ai funghi",
                "price", new BigDecimal("14.50"), "currency", "EUR")).text("id");
        assertThat(api.post(path(tenant, "/captions"), writer, Map.of("menu_item_id", item, "platform", "facebook",
                "variants", 1)).status()).isEqualTo(201);
        String asset = PostingFixtures.upload(port, tenant, writer);
        ApiClient.Response post = api.post(path(tenant, "/posts"), writer, Map.of("targets",
                PostingFixtures.targets(accounts.get(PostingFixtures.PAGE)), "caption", "Risotto night is back",
                "asset_ids", List.of(asset), "publish_now", true));
        assertThat(post.status()).as(post.raw().body()).isEqualTo(201);
        PostingFixtures.awaitStatus(api, tenant, writer, post.text("id"), "published");
        assertThat(api.post(path(other, "/menu-items"), otherAdmin, Map.of("name", "Secret bouillabaisse"))
                .status()).isEqualTo(201);
        String otherAsset = PostingFixtures.upload(port, other, otherAdmin, 640, 480);

        ApiClient.Response asked = api.post(path(tenant, "/exports"), admin, null);
        assertThat(asked.status()).as(asked.raw().body()).isEqualTo(202);
        assertThat(asked.text("status")).isEqualTo("pending");
        JsonNode ready = awaitReady(tenant, admin, asked.text("id"));
        assertThat(ready.path("records_written").asLong()).isGreaterThan(5);
        assertThat(ready.path("files_written").asLong()).isEqualTo(1);

        byte[] zip = download(ready.path("download_url").asString());
        assertThat((long) zip.length).isEqualTo(ready.path("size_bytes").asLong());
        Map<String, byte[]> entries = unzip(zip);
        assertThat(entries).containsKeys("manifest.json", "tenant/tenant.json", "tenant/users.json",
                "tenant/api_keys.json", "captions/menu_items.json", "captions/generated_captions.json",
                "captions/restaurant_profile.json", "accounts/accounts.json", "assets/assets.json",
                "assets/folders.json", "assets/tags.json", "posts/posts.json", "posts/deliveries.json",
                "posts/attempts.json", "posts/media.json", "posts/engagement_snapshots.json");

        JsonNode manifest = json(entries, "manifest.json");
        assertThat(manifest.path("tenant_id").asString()).isEqualTo(tenant);
        assertThat(manifest.path("files").asLong()).isEqualTo(1);
        assertThat(json(entries, "tenant/tenant.json").get(0).path("id").asString()).isEqualTo(tenant);
        assertThat(json(entries, "captions/menu_items.json").get(0).path("name").asString())
                .isEqualTo("Risotto ai funghi");
        assertThat(json(entries, "captions/menu_items.json").get(0).path("dietary_tags").isArray()).isTrue();
        assertThat(json(entries, "captions/generated_captions.json")).hasSize(1);
        JsonNode delivery = json(entries, "posts/deliveries.json").get(0);
        assertThat(delivery.path("status").asString()).isEqualTo("published");
        assertThat(delivery.path("account_id").asString()).isEqualTo(accounts.get(PostingFixtures.PAGE));
        assertThat(json(entries, "posts/posts.json").get(0).path("caption").asString())
                .isEqualTo("Risotto night is back");
        assertThat(json(entries, "posts/attempts.json").get(0).path("outcome").asString()).isEqualTo("published");
        assertThat(json(entries, "accounts/accounts.json")).hasSize(accounts.size());
        assertThat(json(entries, "tenant/api_keys.json")).hasSize(2);

        // The image itself, byte for byte as the library serves its original.
        String file = entries.keySet().stream().filter(name -> name.startsWith("assets/files/" + asset + "/"))
                .findFirst().orElseThrow();
        JsonNode stored = api.get(path(tenant, "/assets/" + asset), writer).body();
        assertThat(entries.get(file)).isEqualTo(download(stored.path("urls").path("original").asString()));

        // Nothing of the other tenant, no secret: not the keys, their hashes, tokens or password hashes.
        String everything = String.join("\n", entries.keySet()) + entries.entrySet().stream()
                .filter(entry -> entry.getKey().endsWith(".json"))
                .map(entry -> new String(entry.getValue(), StandardCharsets.UTF_8)).reduce("", String::concat);
        assertThat(everything).contains(tenant, asset).doesNotContain(other, otherAsset, "Secret bouillabaisse",
                admin, writer, "secret_sha256", "password_hash", "invite_sha256", "encrypted_token");
        for (JsonNode user : json(entries, "tenant/users.json")) {
            assertThat(user.has("password_hash")).isFalse();
            assertThat(user.path("email").asString()).contains("@");
        }
    }

    @Test
    void exportsAreAnAdminsMatter_andAnotherTenantsExportIsNotFound() throws Exception {
        String id = api.post(path(tenant, "/exports"), admin, null).text("id");
        awaitReady(tenant, admin, id);

        assertThat(api.post(path(tenant, "/exports"), otherAdmin, null).status()).isEqualTo(403);
        assertThat(api.get(path(tenant, "/exports/" + id), otherAdmin).status()).isEqualTo(403);
        ApiClient.Response notTheirs = api.get(path(other, "/exports/" + id), otherAdmin);
        assertThat(notTheirs.status()).isEqualTo(404);
        assertThat(notTheirs.text("detail")).isNotBlank();
        ApiClient.Response readOnly = api.get(path(tenant, "/exports/" + id), writer);
        assertThat(readOnly.status()).isEqualTo(403);
        assertThat(readOnly.text("detail")).contains("admin");
        assertThat(api.post(path(tenant, "/exports"), writer, null).status()).isEqualTo(403);
        assertThat(api.get(path(tenant, "/exports/not-a-uuid"), admin).status()).isEqualTo(400);
    }

    @Test
    void aTamperedOrExpiredLinkIsRefused_andAFreshOneIsGivenOnEachRead() throws Exception {
        String id = api.post(path(tenant, "/exports"), admin, null).text("id");
        String link = awaitReady(tenant, admin, id).path("download_url").asString();
        assertThat(status(link)).isEqualTo(200);
        assertThat(status(link.replace("signature=", "signature=x"))).isEqualTo(403);
        String otherExport = api.post(path(other, "/exports"), otherAdmin, null).text("id");
        awaitReady(other, otherAdmin, otherExport);
        assertThat(status(link.replace(id, otherExport))).isEqualTo(403);

        CLOCK.advance(Duration.ofHours(2));
        assertThat(status(link)).isEqualTo(403);
        String fresh = api.get(path(tenant, "/exports/" + id), admin).text("download_url");
        assertThat(fresh).isNotEqualTo(link);
        assertThat(status(fresh)).isEqualTo(200);
    }

    @Test
    void anArchiveIsDeletedByTheRetentionPurgeOnceItExpires_itsRowStaysExpired() throws Exception {
        String id = api.post(path(tenant, "/exports"), admin, null).text("id");
        JsonNode ready = awaitReady(tenant, admin, id);
        Instant expires = Instant.parse(ready.path("expires_at").asString());
        assertThat(expires).isEqualTo(Instant.parse(ready.path("finished_at").asString()).plus(Duration.ofDays(7)));
        String key = jdbc.sql("select storage_key from data_exports where id = ?").param(UUID.fromString(id))
                .query(String.class).single();
        assertThat(store.exists(key)).isTrue();

        retention.purge(Map.of(RetainedData.EXPORTS, Duration.ofDays(7)), 10);
        assertThat(api.get(path(tenant, "/exports/" + id), admin).text("status")).isEqualTo("ready");

        CLOCK.advance(Duration.ofDays(7).plusMinutes(1));
        JsonNode late = api.get(path(tenant, "/exports/" + id), admin).body();
        assertThat(late.path("download_url").isNull()).as("no link once the archive has expired").isTrue();
        retention.purge(Map.of(RetainedData.EXPORTS, Duration.ofDays(7)), 10);
        JsonNode expired = api.get(path(tenant, "/exports/" + id), admin).body();
        assertThat(expired.path("status").asString()).isEqualTo("expired");
        assertThat(store.exists(key)).isFalse();
        assertThat(api.post(path(tenant, "/exports"), admin, null).status()).isEqualTo(202);
    }

    private JsonNode awaitReady(String tenantId, String key, String exportId) {
        String path = path(tenantId, "/exports/" + exportId);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            String status = api.get(path, key).text("status");
            assertThat(status).isNotEqualTo("failed");
            return status.equals("ready");
        });
        return api.get(path, key).body();
    }

    private byte[] download(String url) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request(url), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private int status(String url) throws IOException, InterruptedException {
        return http.send(request(url), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest request(String url) {
        URI uri = URI.create(url);
        return HttpRequest.newBuilder(URI.create(api.baseUrl() + uri.getRawPath() + "?" + uri.getRawQuery()))
                .GET().build();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            ZipEntry entry;
            while ((entry = in.getNextEntry()) != null) {
                entries.put(entry.getName(), in.readAllBytes());
            }
        }
        return entries;
    }

    private static JsonNode json(Map<String, byte[]> entries, String name) {
        return JSON.readTree(entries.get(name));
    }

    private static String path(String tenantId, String rest) {
        return "/api/v1/tenants/" + tenantId + rest;
    }
}
