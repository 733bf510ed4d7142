package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.Browser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the publishing proofs start from: the sandbox's Page and Instagram account, one photo. Public for the tests
 * of other modules that need a real delivery (the e-mail notices).
 */
public final class PostingFixtures {

    public static final String PAGE = "200000000000001";
    public static final String INSTAGRAM = "17841400000000001";

    private PostingFixtures() {
    }

    /** Connects the sandbox's Page (and its Instagram account) through the dialog; platform user id → account id. */
    public static Map<String, String> connect(ApiClient api, String tenant, String key) {
        Browser browser = new Browser();
        ApiClient.Response link = api.get("/api/v1/oauth/facebook/authorize?tenant_id=" + tenant, key);
        assertThat(link.status()).isEqualTo(200);
        URI callback = browser.submitAndStop(browser.open(URI.create(link.text("authorization_url"))), "approve",
                Set.of(PAGE));
        assertThat(api.get(callback.getRawPath() + "?" + callback.getRawQuery(), null).status()).isEqualTo(200);
        Map<String, String> ids = new HashMap<>();
        for (JsonNode account : api.get("/api/v1/tenants/" + tenant + "/accounts", key).body().path("items")) {
            ids.put(account.path("platform_user_id").asString(), account.path("id").asString());
        }
        return ids;
    }

    /** The {@code targets} of a new post: each account with the post's caption. */
    public static List<Map<String, Object>> targets(String... accountIds) {
        return java.util.Arrays.stream(accountIds).map(id -> Map.<String, Object>of("account_id", id)).toList();
    }

    /** The one delivery of a post to one account. */
    static JsonNode onlyDelivery(JsonNode post) {
        assertThat(post.path("deliveries")).hasSize(1);
        return post.path("deliveries").get(0);
    }

    /**
     * Creates {@code requests} posts to the Page and the Instagram account (two deliveries each), captioned
     * {@code captionPrefix + n}, all due at {@code due}, in parallel; request n goes through {@code via[n % size]}.
     */
    static void createInParallel(List<ApiClient> via, String tenant, String key, Map<String, String> accounts,
            String asset, String captionPrefix, int requests, Instant due) throws Exception {
        try (var pool = Executors.newFixedThreadPool(8)) {
            List<Future<ApiClient.Response>> results = new ArrayList<>();
            for (int i = 0; i < requests; i++) {
                ApiClient api = via.get(i % via.size());
                int n = i;
                results.add(pool.submit(() -> api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                        "targets", targets(accounts.get(PAGE), accounts.get(INSTAGRAM)),
                        "caption", captionPrefix + n, "asset_ids", List.of(asset), "scheduled_for", due.toString()))));
            }
            for (Future<ApiClient.Response> result : results) {
                assertThat(result.get().status()).as(result.get().raw().body()).isEqualTo(201);
            }
        }
    }

    /** Waits (up to 20 s) until the post has {@code status}; answers it as it is then. */
    public static JsonNode awaitStatus(ApiClient api, String tenant, String key, String postId, String status) {
        String path = "/api/v1/tenants/" + tenant + "/posts/" + postId;
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(path, key).text("status").equals(status));
        return api.get(path, key).body();
    }

    /** Everything the sandbox published since its last reset, oldest first. */
    static List<JsonNode> published(ApiClient api) {
        List<JsonNode> all = new ArrayList<>();
        api.get("/sandbox/admin/published", null).body().path("data").forEach(all::add);
        return all;
    }

    /** Uploads a 1080 × 1080 JPEG to the tenant's library; answers the asset id. */
    public static String upload(int port, String tenant, String key) throws Exception {
        return upload(port, tenant, key, 1080, 1080);
    }

    /** Uploads a black JPEG of the given size (another size, another file); answers the asset id. */
    public static String upload(int port, String tenant, String key, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream jpeg = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", jpeg);
        return upload(port, tenant, key, "dish.jpg", jpeg.toByteArray());
    }

    /** Uploads a file (a photo or a video) to the tenant's library; answers the asset id. */
    public static String upload(int port, String tenant, String key, String filename, byte[] content)
            throws Exception {
        String boundary = "----forkcast" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/tenants/" + tenant + "/assets"))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
        return JsonMapper.builder().build().readTree(response.body()).path("id").asString();
    }
}
