package io.forkcast.captions;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** The restaurant profile and the menu items over HTTP, with their bad input and tenant isolation. */
class ProfileAndMenuApiTest extends EmbeddedApiTest {

    private ApiClient api;
    private String tenantA;
    private String keyA;
    private String tenantB;

    @BeforeEach
    void twoTenants() {
        api = api();
        tenantA = api.createTenant("Menu A " + System.nanoTime(), "basic");
        keyA = api.createKey(tenantA);
        tenantB = api.createTenant("Menu B " + System.nanoTime(), "basic");
    }

    @Test
    void absentProfileReadsAsDefaults() {
        Response response = api.get("/api/v1/tenants/" + tenantA + "/profile", keyA);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.text("voice")).isEqualTo("friendly");
        assertThat(response.text("default_language")).isEqualTo("en");
        assertThat(response.text("emoji_level")).isEqualTo("low");
        assertThat(response.body().get("signature_hashtags")).isEmpty();
        assertThat(response.text("updated_at")).isNull();
    }

    @Test
    void profileIsReplacedAndReadBack() {
        Response put = api.put("/api/v1/tenants/" + tenantA + "/profile", keyA, Map.of(
                "name", "Krusty Pizza", "cuisine", "Neapolitan pizza", "city", "Lyon", "voice", "playful",
                "signature_hashtags", List.of("KrustyPizza", "#LyonEats"), "banned_words", List.of("cheap"),
                "default_language", "fr", "emoji_level", "none"));
        Response get = api.get("/api/v1/tenants/" + tenantA + "/profile", keyA);

        assertThat(put.status()).isEqualTo(200);
        assertThat(get.text("name")).isEqualTo("Krusty Pizza");
        assertThat(get.text("voice")).isEqualTo("playful");
        assertThat(get.body().get("signature_hashtags").values()).extracting(n -> n.asString())
                .containsExactly("#KrustyPizza", "#LyonEats");
        assertThat(get.text("updated_at")).isNotNull();
    }

    @Test
    void profileWithUnknownVoiceIsRefused() {
        Response response = api.put("/api/v1/tenants/" + tenantA + "/profile", keyA, Map.of("voice", "grumpy"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.raw().body()).contains("voice", "friendly");
    }

    @Test
    void profileOfAnotherTenantIsForbiddenToThisKey() {
        assertThat(api.get("/api/v1/tenants/" + tenantB + "/profile", keyA).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/tenants/" + tenantB + "/profile", keyA, Map.of("name", "X")).status())
                .isEqualTo(403);
    }

    @Test
    void menuItemIsCreatedReadChangedListedAndDeleted() {
        Response created = api.post(items(tenantA), keyA, Map.of("name", "Margherita", "description",
                "San Marzano tomatoes, fior di latte, basil", "price", new BigDecimal("12.50"), "currency", "EUR",
                "dietary_tags", List.of("vegetarian"), "seasonal", false,
                "asset_ids", List.of("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b")));
        String id = created.text("id");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).endsWith("/menu-items/" + id);
        assertThat(created.body().get("price").asString()).isEqualTo("12.5");
        assertThat(created.body().get("asset_ids").get(0).asString()).isEqualTo("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b");

        Response changed = api.patch(items(tenantA) + "/" + id, keyA,
                Map.of("seasonal", true, "price", new BigDecimal("13.00")));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.body().get("seasonal").asBoolean()).isTrue();
        assertThat(changed.text("name")).isEqualTo("Margherita");

        Response list = api.get(items(tenantA), keyA);
        assertThat(list.body().get("items")).hasSize(1);

        assertThat(api.delete(items(tenantA) + "/" + id, keyA).status()).isEqualTo(204);
        assertThat(api.get(items(tenantA) + "/" + id, keyA).status()).isEqualTo(404);
    }

    @Test
    void tenThousandCharacterDescriptionIsRefused() {
        Response response = api.post(items(tenantA), keyA,
                Map.of("name", "Long story", "description", "a".repeat(10_000)));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("description");
    }

    @Test
    void priceWithoutCurrencyIsRefused() {
        Response response = api.post(items(tenantA), keyA, Map.of("name", "Tiramisu", "price", new BigDecimal("7")));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("currency");
    }

    @Test
    void unknownCurrencyIsRefused() {
        Response response = api.post(items(tenantA), keyA,
                Map.of("name", "Tiramisu", "price", new BigDecimal("7"), "currency", "XYZ"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("currency");
    }

    @Test
    void menuItemWithoutNameIsRefused() {
        Map<String, Object> body = new HashMap<>();
        body.put("description", "no name");
        assertThat(api.post(items(tenantA), keyA, body).status()).isEqualTo(400);
    }

    @Test
    void anotherTenantsItemIsNotFoundOnEveryEndpoint() {
        String itemOfB = api.post(items(tenantB), OPERATOR_TOKEN, Map.of("name", "Calzone")).text("id");

        assertThat(api.get(items(tenantA) + "/" + itemOfB, keyA).status()).isEqualTo(404);
        assertThat(api.patch(items(tenantA) + "/" + itemOfB, keyA, Map.of("name", "Mine")).status()).isEqualTo(404);
        assertThat(api.delete(items(tenantA) + "/" + itemOfB, keyA).status()).isEqualTo(404);
        assertThat(api.get(items(tenantB) + "/" + itemOfB, OPERATOR_TOKEN).text("name")).isEqualTo("Calzone");
    }

    @Test
    void keyOnAnotherTenantsMenuPathIsForbidden() {
        assertThat(api.get(items(tenantB), keyA).status()).isEqualTo(403);
        assertThat(api.post(items(tenantB), keyA, Map.of("name", "Intruder")).status()).isEqualTo(403);
    }

    private static String items(String tenant) {
        return "/api/v1/tenants/" + tenant + "/menu-items";
    }
}
