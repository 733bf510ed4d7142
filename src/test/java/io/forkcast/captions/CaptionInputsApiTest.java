package io.forkcast.captions;

import io.forkcast.assets.TestImages;
import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What feeds a caption besides the profile and the item, over HTTP with the OpenAI-compatible writer against the
 * sandbox and a vision model: the best-performing published captions (examples), the chosen photos (alt text, tags
 * and the image itself), and the meaning measure reported beside the wording one.
 */
@TestPropertySource(properties = {
        "forkcast.captions.writer=openai",
        "forkcast.captions.openai.vision=true"})
class CaptionInputsApiTest extends EmbeddedApiTest {

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    /** Test rows are written in a transaction, as the application writes them. */
    private void inTransaction(Runnable work) {
        new org.springframework.transaction.support.TransactionTemplate(transactions)
                .executeWithoutResult(status -> work.run());
    }

    private ApiClient api;
    private String tenant;
    private String key;

    @BeforeEach
    void tenant() {
        api = api();
        api.delete("/sandbox/openai/admin/faults", null);
        tenant = api.createTenant("Inputs " + System.nanoTime(), "pro");
        key = api.createKey(tenant);
    }

    @Test
    void withNoHistoryTheResponseSaysSoAndTheMeaningIsMeasured() {
        JsonNode first = caption(Map.of("item", Map.of("name", "Margherita", "description", "Tomato, basil"),
                "platform", "instagram"));
        JsonNode second = caption(Map.of("item", Map.of("name", "Margherita", "description", "Tomato, basil"),
                "platform", "instagram"));

        assertThat(first.get("examples").get("note").asString()).isEqualTo("no_history");
        assertThat(first.get("examples").get("used").isEmpty()).isTrue();
        JsonNode meaning = second.get("similarity").get("meaning");
        assertThat(meaning.get("model").asString()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(meaning.get("measured").asBoolean()).isTrue();
        assertThat(meaning.get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(meaning.get("similar_to").asString()).isEqualTo("caption:" + first.get("id").asString());
        assertThat(meaning.get("threshold").asDouble()).isEqualTo(0.725);
        assertThat(api.get("/api/v1/tenants/" + tenant + "/captions/" + second.get("id").asString(), key)
                .body().get("similarity").get("meaning").get("score").asDouble())
                .isEqualTo(meaning.get("score").asDouble());
    }

    @Test
    void theBestPerformingPublishedCaptionsOfThePlatformGoInThePromptAndAreNamed() {
        UUID account = UUID.randomUUID();
        inTransaction(() -> jdbc.update("""
                insert into social_accounts (id, tenant_id, platform, platform_user_id, account_type, account_metadata,
                                             connected_at, created_at, updated_at)
                values (?, ?, 'instagram', ?, 'business', '{}', now(), now(), now())""",
                account, UUID.fromString(tenant), "ig-" + System.nanoTime()));
        UUID best = published(account, "instagram", "Sunday sauce day: our ragù simmers for six hours.", 120);
        UUID weaker = published(account, "instagram", "New plates for the terrace.", 12);
        published(account, "instagram", "Nobody liked this one.", 0);

        JsonNode caption = caption(Map.of("item", Map.of("name", "Lasagne"), "platform", "instagram"));

        assertThat(caption.get("examples").get("note").asString()).isEqualTo("examples");
        assertThat(caption.get("examples").get("used").values()).extracting(JsonNode::asString)
                .containsExactly("post:" + best, "post:" + weaker);
        String prompt = lastChatPrompt();
        String examples = prompt.substring(prompt.indexOf("did best"), prompt.indexOf("Recent captions"));
        assertThat(examples).contains("Sunday sauce day: our ragù simmers for six hours. (120 likes, comments and shares)")
                .doesNotContain("Nobody liked this one.");
        // Another platform's history is not this platform's voice.
        JsonNode facebook = caption(Map.of("item", Map.of("name", "Lasagne"), "platform", "facebook"));
        assertThat(facebook.get("examples").get("note").asString()).isEqualTo("no_history");
    }

    @Test
    void chosenPhotosFeedThePromptAndGoToTheVisionModelAsImageParts() throws Exception {
        String asset = uploadOwn("Margherita fresh from the wood oven, basil leaves on top", "pizza", "wood-oven");

        JsonNode caption = caption(Map.of("item", Map.of("name", "Margherita"), "platform", "instagram",
                "asset_ids", List.of(asset)));

        assertThat(caption.get("images_used").values()).extracting(JsonNode::asString).containsExactly(asset);
        assertThat(caption.get("text").asString()).contains("In the picture: margherita fresh from the wood oven");
        JsonNode seen = lastChat();
        assertThat(seen.get("images").asInt()).isEqualTo(1);
        assertThat(seen.get("messages").get(1).asString())
                .contains("- Margherita fresh from the wood oven, basil leaves on top (tags: pizza, wood-oven)");
    }

    @Test
    void photosMustBeTheTenantsOwnAndAtMostFour() throws Exception {
        String other = api.createTenant("Other " + System.nanoTime(), "pro");
        String theirs = upload(other, api.createKey(other), "Their photo", "theirs");

        Response foreign = api.post("/api/v1/tenants/" + tenant + "/captions", key, Map.of("item",
                Map.of("name", "Margherita"), "platform", "instagram", "asset_ids", List.of(theirs)));
        Response unknown = api.post("/api/v1/tenants/" + tenant + "/captions", key, Map.of("item",
                Map.of("name", "Margherita"), "platform", "instagram", "asset_ids", List.of(UUID.randomUUID())));
        Response tooMany = api.post("/api/v1/tenants/" + tenant + "/captions", key, Map.of("item",
                Map.of("name", "Margherita"), "platform", "instagram", "asset_ids",
                List.of(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID())));
        Response otherPath = api.post("/api/v1/tenants/" + other + "/captions", key, Map.of("item",
                Map.of("name", "Margherita"), "platform", "instagram"));

        assertThat(foreign.status()).isEqualTo(404);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(tooMany.status()).isEqualTo(400);
        assertThat(otherPath.status()).isEqualTo(403);
        assertThat(jdbc.queryForObject("select count(*) from generated_captions where tenant_id = ?", Integer.class,
                UUID.fromString(tenant))).isZero();
    }

    private UUID published(UUID account, String platform, String caption, int engagement) {
        UUID post = UUID.randomUUID();
        UUID delivery = UUID.randomUUID();
        UUID tenantId = UUID.fromString(tenant);
        Timestamp posted = Timestamp.from(Instant.now().minus(2, ChronoUnit.DAYS));
        inTransaction(() -> {
            jdbc.update("insert into posts (id, tenant_id, caption, scheduled_for, status, created_at, updated_at) "
                    + "values (?, ?, ?, ?, 'published', now(), now())", post, tenantId, caption, posted);
            jdbc.update("insert into post_deliveries (id, tenant_id, post_id, account_id, platform, position, status, "
                    + "due_at, posted_at, created_at, updated_at) values (?, ?, ?, ?, ?, 0, 'published', ?, ?, now(), now())",
                    delivery, tenantId, post, account, platform, posted, posted);
            // An older snapshot that the latest one supersedes.
            jdbc.update("insert into engagement_snapshots (id, tenant_id, delivery_id, captured_at, likes, comments, shares) "
                    + "values (?, ?, ?, ?, 500, 0, null)", UUID.randomUUID(), tenantId, delivery,
                    Timestamp.from(Instant.now().minus(1, ChronoUnit.DAYS)));
            jdbc.update("insert into engagement_snapshots (id, tenant_id, delivery_id, captured_at, likes, comments, shares) "
                    + "values (?, ?, ?, ?, ?, 0, null)", UUID.randomUUID(), tenantId, delivery,
                    Timestamp.from(Instant.now().minus(1, ChronoUnit.HOURS)), engagement);
        });
        return post;
    }

    private JsonNode caption(Map<String, Object> request) {
        Response response = api.post("/api/v1/tenants/" + tenant + "/captions", key, request);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        return response.body().get("variants").get(0);
    }

    private JsonNode lastChat() {
        JsonNode seen = api.get("/sandbox/openai/admin/requests", OPERATOR_TOKEN).body();
        JsonNode last = null;
        for (JsonNode request : seen) {
            if (request.get("endpoint").asString().equals("chat/completions")) {
                last = request;
            }
        }
        assertThat(last).isNotNull();
        return last;
    }

    private String lastChatPrompt() {
        return lastChat().get("messages").get(1).asString();
    }

    private String uploadOwn(String altText, String... tags) throws Exception {
        return upload(tenant, key, altText, tags);
    }

    private String upload(String tenantId, String token, String altText, String... tags) throws Exception {
        String boundary = "----forkcast" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        StringBuilder fields = new StringBuilder();
        fields.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"alt_text\"\r\n\r\n")
                .append(altText).append("\r\n");
        for (String tag : tags) {
            fields.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"tags\"\r\n\r\n")
                    .append(tag).append("\r\n");
        }
        fields.append("--").append(boundary).append("\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"photo.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n");
        body.writeBytes(fields.toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(TestImages.jpeg(400, 400, System.nanoTime()));
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(api.baseUrl() + "/api/v1/tenants/" + tenantId + "/assets"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return JsonMapper.builder().build().readTree(response.body()).get("id").asString();
    }
}
