package io.forkcast.assets;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.support.PostgresOwnerConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.forkcast.assets.AssetUploadTest.assertProblem;
import static io.forkcast.assets.Uploads.field;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The asset library on PostgreSQL with row-level security on and the application connected as the non-owner role:
 * the queries written by hand (tag filters, LIKE with escapes, subtree path rewrites) and the one cross-tenant read
 * of the public media route.
 */
class AssetsOnPostgresIT extends PostgresIntegrationTest {

    private ApiClient api;
    private Uploads uploads;
    private String tenant;
    private String key;
    private String base;

    @BeforeEach
    void tenant() {
        api = api();
        uploads = new Uploads(port);
        tenant = api.createTenant("PG Diner " + System.nanoTime(), "enterprise");
        key = api.createKey(tenant);
        base = "/api/v1/tenants/" + tenant;
    }

    private List<String> names(String query) {
        List<String> names = new ArrayList<>();
        api.get(base + "/assets" + query, key).body().get("items").forEach(i -> names.add(i.get("filename").asString()));
        return names;
    }

    @Test
    void uploadListFilterAndServeUnderRowLevelSecurity() throws SQLException {
        String folder = api.post(base + "/folders", key, Map.of("name", "100% Pasta_Dishes")).text("id");
        Response upload = uploads.upload(tenant, key, "50%_off.jpg", TestImages.jpegWithExif(800, 600, 6, 500),
                field("folder_id", folder), field("tags", "pasta,promo"));
        uploads.upload(tenant, key, "5000 off.jpg", TestImages.jpeg(400, 400, 501), field("tags", "promo"));
        assertThat(upload.status()).as(upload.raw().body()).isEqualTo(201);

        assertThat(names("?tag=promo&tag=pasta")).containsExactly("50%_off.jpg");
        assertThat(names("?name=0%25_")).containsExactly("50%_off.jpg");
        assertThat(names("?sort=name&limit=1")).hasSize(1);
        JsonNode tags = api.get(base + "/tags", key).body().get("items");
        assertThat(tags.get(0).get("tag").asString()).isEqualTo("promo");
        assertThat(tags.get(0).get("count").asLong()).isEqualTo(2);
        assertThat(Uploads.fetch(upload.body().get("urls").get("instagram").asString()).statusCode()).isEqualTo(200);

        try (PostgresOwnerConnection owner = PostgresOwnerConnection.open()) {
            assertThat(owner.count("select count(*) from brand_asset_tags where tenant_id = ?", UUID.fromString(tenant)))
                    .isEqualTo(3);
            assertThat(owner.column("select relrowsecurity from pg_class where relname = 'brand_asset_tags'"))
                    .containsExactly(true);
        }
    }

    @Test
    void moveRewritesTheSubtreeAndRecursiveDeleteCascades() {
        String dishes = api.post(base + "/folders", key, Map.of("name", "Dishes")).text("id");
        String pasta = api.post(base + "/folders", key, Map.of("name", "Pasta", "parent_id", dishes)).text("id");
        String fresh = api.post(base + "/folders", key, Map.of("name", "Fresh", "parent_id", pasta)).text("id");
        String archive = api.post(base + "/folders", key, Map.of("name", "Archive")).text("id");
        String asset = uploads.upload(tenant, key, "a.jpg", TestImages.jpeg(300, 300, 502), field("folder_id", fresh))
                .text("id");

        assertThat(api.patch(base + "/folders/" + pasta, key, Map.of("parent_id", archive, "name", "Noodles"))
                .text("path")).isEqualTo("/Archive/Noodles");
        assertThat(api.get(base + "/folders/" + fresh, key).text("path")).isEqualTo("/Archive/Noodles/Fresh");
        assertProblem(api.patch(base + "/folders/" + archive, key, Map.of("parent_id", fresh)), 409);
        assertThat(names("?folder_id=" + archive + "&include_subfolders=true")).containsExactly("a.jpg");

        assertThat(api.delete(base + "/folders/" + archive + "?recursive=true", key).status()).isEqualTo(204);
        assertProblem(api.get(base + "/assets/" + asset, key), 404);
        assertThat(api.get(base + "/folders/" + dishes, key).status()).isEqualTo(200);
    }

    @Test
    void anotherTenantsAssetIsNotFound() {
        String other = api.createTenant("PG Other " + System.nanoTime(), "basic");
        String otherKey = api.createKey(other);
        String theirs = uploads.upload(other, otherKey, "theirs.jpg", TestImages.jpeg(300, 300, 503)).text("id");

        assertProblem(api.get(base + "/assets/" + theirs, key), 404);
        assertProblem(api.get("/api/v1/tenants/" + other + "/assets/" + theirs, key), 403);
        assertThat(names("")).isEmpty();
    }
}
