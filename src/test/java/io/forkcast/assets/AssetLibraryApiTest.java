package io.forkcast.assets;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.tenancy.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import tools.jackson.databind.JsonNode;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import static io.forkcast.assets.AssetUploadTest.assertProblem;
import static io.forkcast.assets.Uploads.field;
import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Listing, changing and deleting assets, the folder tree, signed media URLs, and isolation between tenants. */
@Import(AssetLibraryApiTest.InUse.class)
class AssetLibraryApiTest extends EmbeddedApiTest {

    /** The publishing module's side of the AssetUsage contract, standing in until it exists: a set of used ids. */
    @TestConfiguration
    static class InUse {
        static final Set<UUID> USED = ConcurrentHashMap.newKeySet();

        @Bean
        AssetUsage scheduledPosts() {
            return new AssetUsage() {
                @Override
                public boolean blocksDeletion(TenantId tenantId, AssetId assetId) {
                    return USED.contains(assetId.value());
                }

                @Override
                public String reason() {
                    return "a scheduled post uses it";
                }
            };
        }
    }

    @Autowired
    AssetsProperties properties;

    @Autowired
    MediaUrls mediaUrls;

    private ApiClient api;
    private Uploads uploads;
    private String tenant;
    private String key;
    private String base;
    private long seed = 100;

    @BeforeEach
    void tenant() {
        api = api();
        uploads = new Uploads(port);
        tenant = api.createTenant("Library Diner " + System.nanoTime(), "enterprise");
        key = api.createKey(tenant);
        base = "/api/v1/tenants/" + tenant;
    }

    private String folder(String name, String parent) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        if (parent != null) {
            body.put("parent_id", parent);
        }
        Response response = api.post(base + "/folders", key, body);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return response.text("id");
    }

    private JsonNode upload(String name, Uploads.Field... fields) {
        Response response = uploads.upload(tenant, key, name, TestImages.jpeg(400, 400, seed++), fields);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return response.body();
    }

    private List<String> names(String query) {
        List<String> names = new ArrayList<>();
        api.get(base + "/assets" + query, key).body().get("items").forEach(item -> names.add(item.get("filename").asString()));
        return names;
    }

    @Test
    void listFiltersByFolderWithSubfoldersTagsTypeNameAndUploadTime() {
        String dishes = folder("Dishes", null);
        String pasta = folder("Pasta", dishes);
        Instant before = Instant.now().minusSeconds(5);
        upload("carbonara.jpg", field("folder_id", pasta), field("tags", "pasta,signature"));
        upload("tiramisu.jpg", field("folder_id", dishes), field("tags", "dessert"));
        upload("team.jpg", field("tags", "team,signature"));
        Response logo = uploads.upload(tenant, key, "logo.png", TestImages.transparentPng(300, 300));
        assertThat(logo.status()).isEqualTo(201);

        assertThat(names("?folder_id=" + dishes)).containsExactly("tiramisu.jpg");
        assertThat(names("?folder_id=" + dishes + "&include_subfolders=true"))
                .containsExactlyInAnyOrder("tiramisu.jpg", "carbonara.jpg");
        assertThat(names("?tag=signature")).containsExactlyInAnyOrder("carbonara.jpg", "team.jpg");
        assertThat(names("?tag=signature&tag=pasta")).containsExactly("carbonara.jpg");
        assertThat(names("?type=png")).containsExactly("logo.png");
        assertThat(names("?name=TIRA")).containsExactly("tiramisu.jpg");
        assertThat(names("?uploaded_from=" + before + "&uploaded_to=" + Instant.now().plusSeconds(5))).hasSize(4);
        assertThat(names("?uploaded_to=" + before)).isEmpty();
        assertThat(names("?sort=name")).containsExactly("carbonara.jpg", "logo.png", "team.jpg", "tiramisu.jpg");
        assertThat(names("?sort=-uploaded_at")).containsExactly("logo.png", "team.jpg", "tiramisu.jpg", "carbonara.jpg");
    }

    @Test
    void listPagesFollowTheSortWithTheirCursor() {
        for (String name : List.of("d.jpg", "b.jpg", "a.jpg", "c.jpg", "e.jpg")) {
            upload(name);
        }
        Response first = api.get(base + "/assets?sort=name&limit=2", key);
        Response second = api.get(base + "/assets?sort=name&limit=2&cursor=" + first.text("next_cursor"), key);
        Response third = api.get(base + "/assets?sort=name&limit=2&cursor=" + second.text("next_cursor"), key);

        assertThat(first.body().get("items").get(0).get("filename").asString()).isEqualTo("a.jpg");
        assertThat(second.body().get("items").get(0).get("filename").asString()).isEqualTo("c.jpg");
        assertThat(third.body().get("items")).hasSize(1);
        assertThat(third.text("next_cursor")).isNull();
    }

    @Test
    void patchRenamesMovesRetagsAndDescribes() {
        String folder = folder("Interior", null);
        String id = upload("x.jpg", field("tags", "old")).get("id").asString();

        Response changed = api.patch(base + "/assets/" + id, key, Map.of("filename", "dining room.jpg",
                "folder_id", folder, "tags", List.of("Interior", "evening"), "alt_text", "Candle-lit tables"));

        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        assertThat(changed.text("filename")).isEqualTo("dining room.jpg");
        assertThat(changed.text("folder_id")).isEqualTo(folder);
        assertThat(changed.body().get("tags").toString()).isEqualTo("[\"interior\",\"evening\"]");
        assertThat(changed.text("alt_text")).isEqualTo("Candle-lit tables");
        assertThat(names("?tag=old")).isEmpty();
        assertThat(names("?tag=evening")).containsExactly("dining room.jpg");

        Response described = api.patch(base + "/assets/" + id, key, Map.of("alt_text", "Tables by candlelight"));
        assertThat(described.text("folder_id")).as("a member left out stays as it is").isEqualTo(folder);
        assertThat(described.text("filename")).isEqualTo("dining room.jpg");

        Map<String, Object> toRoot = new HashMap<>();
        toRoot.put("folder_id", null);
        assertThat(api.patch(base + "/assets/" + id, key, toRoot).text("folder_id")).isNull();
    }

    @Test
    void patchToAnUnknownOrForeignFolderIsNotFound() {
        String id = upload("x.jpg").get("id").asString();
        String other = api.createTenant("Other " + System.nanoTime(), "basic");
        String foreign = api.post("/api/v1/tenants/" + other + "/folders", OPERATOR_TOKEN, Map.of("name", "F")).text("id");

        assertProblem(api.patch(base + "/assets/" + id, key, Map.of("folder_id", UUID.randomUUID().toString())), 404);
        assertProblem(api.patch(base + "/assets/" + id, key, Map.of("folder_id", foreign)), 404);
    }

    @Test
    void tagsAreCountedAcrossTheTenantsAssets() {
        upload("a.jpg", field("tags", "pizza,summer"));
        upload("b.jpg", field("tags", "pizza"));

        JsonNode items = api.get(base + "/tags", key).body().get("items");

        assertThat(items.get(0).get("tag").asString()).isEqualTo("pizza");
        assertThat(items.get(0).get("count").asLong()).isEqualTo(2);
        assertThat(items.get(1).get("tag").asString()).isEqualTo("summer");
        assertThat(items.get(1).get("count").asLong()).isEqualTo(1);
    }

    @Test
    void deleteRemovesTheRowAndItsFiles() {
        JsonNode asset = upload("gone.jpg");
        String id = asset.get("id").asString();
        Path folder = properties.localRoot().resolve(AssetRules.assetPrefix(UUID.fromString(tenant), UUID.fromString(id)));
        assertThat(folder).isDirectory();

        assertThat(api.delete(base + "/assets/" + id, key).status()).isEqualTo(204);

        assertProblem(api.get(base + "/assets/" + id, key), 404);
        assertThat(folder).doesNotExist();
        assertThat(Uploads.fetch(asset.get("urls").get("original").asString()).statusCode()).isEqualTo(404);
    }

    @Test
    void deleteOfAnAssetAScheduledPostUsesIsAConflict() {
        String id = upload("used.jpg").get("id").asString();
        InUse.USED.add(UUID.fromString(id));

        Response response = api.delete(base + "/assets/" + id, key);

        assertProblem(response, 409);
        assertThat(response.text("detail")).contains("scheduled post");
        assertThat(api.get(base + "/assets/" + id, key).status()).isEqualTo(200);
    }

    @Test
    void anotherTenantsAssetIsNotFoundAndAKeyOnAnotherTenantsPathIsForbidden() {
        String other = api.createTenant("Other " + System.nanoTime(), "basic");
        String otherKey = api.createKey(other);
        Response theirs = uploads.upload(other, otherKey, "theirs.jpg", TestImages.jpeg(300, 300, seed++));
        String theirId = theirs.text("id");

        assertProblem(api.get(base + "/assets/" + theirId, key), 404);
        assertProblem(api.patch(base + "/assets/" + theirId, key, Map.of("filename", "mine.jpg")), 404);
        assertProblem(api.delete(base + "/assets/" + theirId, key), 404);
        String theirBase = "/api/v1/tenants/" + other;
        assertProblem(api.get(theirBase + "/assets", key), 403);
        assertProblem(api.get(theirBase + "/assets/" + theirId, key), 403);
        assertProblem(api.patch(theirBase + "/assets/" + theirId, key, Map.of("filename", "x.jpg")), 403);
        assertProblem(api.delete(theirBase + "/assets/" + theirId, key), 403);
        assertProblem(api.get(theirBase + "/tags", key), 403);
        assertProblem(api.get(theirBase + "/folders", key), 403);
        assertProblem(api.get(theirBase + "/folders/tree", key), 403);
        assertProblem(api.post(theirBase + "/folders", key, Map.of("name", "x")), 403);
        assertThat(api.get(theirBase + "/assets/" + theirId, otherKey).text("filename")).isEqualTo("theirs.jpg");
    }

    @Test
    void foldersFormATreeWithAssetCountsAndUniqueSiblingNames() {
        String dishes = folder("Dishes", null);
        String pasta = folder("Pasta", dishes);
        folder("Pasta", null);
        upload("a.jpg", field("folder_id", pasta));
        upload("b.jpg", field("folder_id", dishes));
        upload("c.jpg");

        Response duplicate = api.post(base + "/folders", key, Map.of("name", "Pasta", "parent_id", dishes));
        assertProblem(duplicate, 409);

        JsonNode tree = api.get(base + "/folders/tree", key).body();
        assertThat(tree.get("unfiled_asset_count").asLong()).isEqualTo(1);
        JsonNode dishesNode = tree.get("folders").get(0);
        assertThat(dishesNode.get("path").asString()).isEqualTo("/Dishes");
        assertThat(dishesNode.get("asset_count").asLong()).isEqualTo(1);
        assertThat(dishesNode.get("total_asset_count").asLong()).isEqualTo(2);
        assertThat(dishesNode.get("children").get(0).get("path").asString()).isEqualTo("/Dishes/Pasta");
        assertThat(dishesNode.get("children").get(0).get("asset_count").asLong()).isEqualTo(1);
        assertThat(tree.get("folders").get(1).get("path").asString()).isEqualTo("/Pasta");
    }

    @Test
    void renameAndMoveRewriteTheWholeSubtreesPaths() {
        String dishes = folder("Dishes", null);
        String pasta = folder("Pasta", dishes);
        String fresh = folder("Fresh", pasta);
        String archive = folder("Archive", null);

        assertThat(api.patch(base + "/folders/" + dishes, key, Map.of("name", "Menu")).text("path")).isEqualTo("/Menu");
        assertThat(api.get(base + "/folders/" + fresh, key).text("path")).isEqualTo("/Menu/Pasta/Fresh");
        Response renamedOnly = api.patch(base + "/folders/" + fresh, key, Map.of("name", "Fresh pasta"));
        assertThat(renamedOnly.text("path")).as("parent_id left out stays as it is").isEqualTo("/Menu/Pasta/Fresh pasta");
        assertThat(renamedOnly.text("parent_id")).isEqualTo(pasta);

        Response moved = api.patch(base + "/folders/" + pasta, key, Map.of("parent_id", archive));
        assertThat(moved.text("path")).isEqualTo("/Archive/Pasta");
        assertThat(api.get(base + "/folders/" + fresh, key).text("path")).isEqualTo("/Archive/Pasta/Fresh pasta");

        Map<String, Object> toTop = new HashMap<>();
        toTop.put("parent_id", null);
        assertThat(api.patch(base + "/folders/" + pasta, key, toTop).text("path")).isEqualTo("/Pasta");
        assertThat(api.get(base + "/folders/" + fresh, key).text("path")).isEqualTo("/Pasta/Fresh pasta");
    }

    @Test
    void folderCannotMoveUnderItselfOrItsOwnChild() {
        String dishes = folder("Dishes", null);
        String pasta = folder("Pasta", dishes);

        assertProblem(api.patch(base + "/folders/" + dishes, key, Map.of("parent_id", pasta)), 409);
        assertProblem(api.patch(base + "/folders/" + dishes, key, Map.of("parent_id", dishes)), 409);
        assertThat(api.get(base + "/folders/" + pasta, key).text("path")).isEqualTo("/Dishes/Pasta");
    }

    @Test
    void renameOntoASiblingsNameIsAConflict() {
        folder("Dishes", null);
        String drinks = folder("Drinks", null);

        assertProblem(api.patch(base + "/folders/" + drinks, key, Map.of("name", "Dishes")), 409);
    }

    @Test
    void nonEmptyFolderIsDeletedOnlyRecursivelyAndTakesItsAssetsFilesWithIt() {
        String dishes = folder("Dishes", null);
        String pasta = folder("Pasta", dishes);
        String id = upload("a.jpg", field("folder_id", pasta)).get("id").asString();
        Path files = properties.localRoot().resolve(AssetRules.assetPrefix(UUID.fromString(tenant), UUID.fromString(id)));

        assertProblem(api.delete(base + "/folders/" + dishes, key), 409);
        assertThat(api.delete(base + "/folders/" + dishes + "?recursive=true", key).status()).isEqualTo(204);

        assertProblem(api.get(base + "/folders/" + pasta, key), 404);
        assertProblem(api.get(base + "/assets/" + id, key), 404);
        assertThat(files).doesNotExist();
    }

    @Test
    void emptyFolderIsDeleted() {
        String empty = folder("Empty", null);

        assertThat(api.delete(base + "/folders/" + empty, key).status()).isEqualTo(204);
        assertProblem(api.get(base + "/folders/" + empty, key), 404);
    }

    @Test
    void anotherTenantsFolderIsNotFoundEverywhere() {
        String other = api.createTenant("Other " + System.nanoTime(), "basic");
        String foreign = api.post("/api/v1/tenants/" + other + "/folders", OPERATOR_TOKEN, Map.of("name", "F")).text("id");
        String mine = folder("Mine", null);

        assertProblem(api.get(base + "/folders/" + foreign, key), 404);
        assertProblem(api.patch(base + "/folders/" + foreign, key, Map.of("name", "G")), 404);
        assertProblem(api.delete(base + "/folders/" + foreign, key), 404);
        assertProblem(api.post(base + "/folders", key, Map.of("name", "Sub", "parent_id", foreign)), 404);
        assertProblem(api.patch(base + "/folders/" + mine, key, Map.of("parent_id", foreign)), 404);
        assertProblem(api.get(base + "/assets?folder_id=" + foreign, key), 404);
    }

    @Test
    void folderIdThatIsNotAUuidIsAnInvalidField() {
        String id = upload("x.jpg").get("id").asString();

        Response response = api.patch(base + "/assets/" + id, key, Map.of("folder_id", 42));

        assertProblem(response, 400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("folder_id");
    }

    @Test
    void folderNameWithASlashIsAnInvalidField() {
        Response response = api.post(base + "/folders", key, Map.of("name", "a/b"));

        assertProblem(response, 400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("name");
    }

    @Test
    void signedUrlRevealsNeitherTenantNorFileNameAndNeedsNoKey() {
        JsonNode asset = upload("secret-recipe.jpg");
        String url = asset.get("urls").get("instagram").asString();

        assertThat(url).doesNotContain(tenant, "secret-recipe").contains("/media/" + asset.get("id").asString());
        HttpResponse<byte[]> response = Uploads.fetch(url);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(response.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void expiredSignedUrlIsForbidden() {
        String id = upload("a.jpg").get("id").asString();
        String expired = mediaUrls.signed(new AssetId(UUID.fromString(id)), AssetVariant.INSTAGRAM, "any",
                Instant.now().minus(Duration.ofMinutes(1))).toString();

        HttpResponse<byte[]> response = Uploads.fetch(expired);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new String(response.body())).contains("expired");
    }

    @Test
    void tamperedSignedUrlIsForbidden() {
        JsonNode asset = upload("a.jpg");
        String thumbnail = asset.get("urls").get("thumbnail").asString();
        String later = thumbnail.replaceFirst("expires=(\\d+)", "expires=9999999999");
        String otherVariant = thumbnail.replace("/thumbnail?", "/original?");
        String unsigned = thumbnail.substring(0, thumbnail.indexOf('?'));

        assertThat(Uploads.fetch(later).statusCode()).isEqualTo(403);
        assertThat(Uploads.fetch(otherVariant).statusCode()).isEqualTo(403);
        assertThat(Uploads.fetch(unsigned).statusCode()).isEqualTo(403);
    }

    @Test
    void deletingTheTenantDeletesItsStoredFiles() {
        upload("a.jpg");
        Path tenantFolder = properties.localRoot().resolve(AssetRules.tenantPrefix(UUID.fromString(tenant)));
        assertThat(tenantFolder).isDirectory();

        assertThat(api.delete(base, OPERATOR_TOKEN).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(10)).until(() -> !Files.exists(tenantFolder));
    }
}
