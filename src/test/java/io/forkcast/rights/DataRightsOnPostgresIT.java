package io.forkcast.rights;

import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.support.PostgresOwnerConnection;
import io.forkcast.tenancy.TenantClosures;
import io.forkcast.tenancy.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Export and closure on PostgreSQL with row-level security on: the export job reads in the tenant's scope (JSON
 * columns as JSON, timestamps as ISO instants), the signed download reads across tenants by id, and the deletion of
 * a closed account crosses tenants as platform work and leaves its record.
 */
class DataRightsOnPostgresIT extends PostgresIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    TenantClosures closures;

    @Test
    void anExportHoldsTheTenantsRowsAsJson_andAClosedAccountIsDeletedAfterItsGracePeriod() throws Exception {
        ApiClient api = api();
        String name = "Postgres Export " + System.nanoTime();
        String tenant = api.createTenant(name, "pro");
        String admin = api.createKey(tenant, "read", "write", "admin");
        String other = api.createTenant("Postgres Other " + System.nanoTime(), "pro");
        String otherKey = api.createKey(other, "read", "write", "admin");
        assertThat(api.post("/api/v1/tenants/" + tenant + "/menu-items", admin, Map.of("name", "Tagliatelle",
                "dietary_tags", new String[] {"vegetarian"})).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/tenants/" + other + "/menu-items", otherKey, Map.of("name", "Not theirs"))
                .status()).isEqualTo(201);
        String asset = PostingFixtures.upload(port, tenant, admin);

        String exportPath = "/api/v1/tenants/" + tenant + "/exports/"
                + api.post("/api/v1/tenants/" + tenant + "/exports", admin, null).text("id");
        await().atMost(Duration.ofSeconds(60)).until(() -> api.get(exportPath, admin).text("status").equals("ready"));
        URI link = URI.create(api.get(exportPath, admin).text("download_url"));
        HttpResponse<byte[]> download = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(api.baseUrl() + link.getRawPath() + "?" + link.getRawQuery())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(download.statusCode()).isEqualTo(200);
        Map<String, byte[]> entries = new HashMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(download.body()))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        JsonNode items = JSON.readTree(entries.get("captions/menu_items.json"));
        assertThat(items).hasSize(1);
        assertThat(items.get(0).path("name").asString()).isEqualTo("Tagliatelle");
        assertThat(items.get(0).path("dietary_tags").get(0).asString()).isEqualTo("vegetarian");
        assertThat(Instant.parse(items.get(0).path("created_at").asString())).isBefore(Instant.now());
        assertThat(JSON.readTree(entries.get("tenant/tenant.json")).get(0).path("tenant_metadata").isObject()).isTrue();
        assertThat(entries.keySet()).anyMatch(path -> path.startsWith("assets/files/" + asset + "/"));
        assertThat(new String(entries.get("tenant/users.json"))).doesNotContain(other);

        assertThat(api.post("/api/v1/tenants/" + tenant + "/closure", admin, Map.of("confirm_name", name)).status())
                .isEqualTo(201);
        assertThat(api.get("/api/v1/tenants/" + tenant, admin).status()).isEqualTo(401);
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            db.update("update tenant_closures set delete_after = now() - interval '1 minute' where tenant_id = ?",
                    UUID.fromString(tenant));
        }
        assertThat(closures.deleteDue()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/api/v1/tenants/" + tenant, ApiClient.OPERATOR_TOKEN).status()).isEqualTo(404);
        assertThat(closures.deletedAt(new TenantId(UUID.fromString(tenant)))).isPresent();
        assertThat(api.get("/api/v1/tenants/" + other, otherKey).status()).isEqualTo(200);
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            assertThat(db.count("select count(*) from data_exports where tenant_id = ?", UUID.fromString(tenant)))
                    .isZero();
            assertThat(db.count("select count(*) from tenant_deletions where tenant_id = ?", UUID.fromString(tenant)))
                    .isEqualTo(1);
        }
    }
}
