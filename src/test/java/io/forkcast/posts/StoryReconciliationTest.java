package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.FormSession;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.forkcast.posts.PostingFixtures.INSTAGRAM;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Exactly once where no caption names the post: an Instagram Story (Meta lists it only at
 * {@code /{ig-user}/stories}, never at {@code /media}, and it has no caption) and a feed post without a caption. A
 * lost {@code media_publish} answer leaves the container PUBLISHED; the next attempt never publishes again, takes
 * the Story's id when it is the only candidate, and otherwise records the post published with its id unknown.
 */
class StoryReconciliationTest extends SandboxedApiTest {

    private static final String GRAPH = "/sandbox/graph/v26.0/";

    private ApiClient api;
    private String tenant;
    private String key;
    private Map<String, String> accounts;
    private String photo;
    private String ownerInvite;

    @BeforeEach
    void connectedTenantWithAPhoto() throws Exception {
        api = api();
        ApiClient.Response created = api.post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN, Map.of(
                "name", "Stories " + UUID.randomUUID().toString().substring(0, 8),
                "email", "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com",
                "plan", "enterprise", "timezone", "Europe/Paris"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        tenant = created.text("id");
        ownerInvite = created.text("owner_invite_url");
        key = api.createKey(tenant, "read", "write");
        accounts = PostingFixtures.connect(api, tenant, key);
        photo = PostingFixtures.upload(port, tenant, key);
    }

    @AfterEach
    void disconnect() {
        accounts.values().forEach(id -> api.delete("/api/v1/tenants/" + tenant + "/accounts/" + id, key));
    }

    private String create(String format, String caption) {
        return create(format, caption, Map.of());
    }

    private String create(String format, String caption, Map<String, Object> targetExtras) {
        Map<String, Object> target = new HashMap<>(targetExtras);
        target.put("account_id", accounts.get(INSTAGRAM));
        target.put("format", format);
        Map<String, Object> body = new HashMap<>(Map.of("asset_ids", List.of(photo), "publish_now", true,
                "targets", List.of(target)));
        if (caption != null) {
            body.put("caption", caption);
        }
        ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }

    /** The next {@code media_publish} takes effect, but its answer is lost: the attempt's outcome is unknown. */
    private void loseTheNextPublishAnswer() {
        assertThat(api.post("/sandbox/admin/faults", null, Map.of("operation", "ig/media_publish", "code", 2,
                "is_transient", true, "after_success", true)).status()).isEqualTo(201);
    }

    private JsonNode reconciledOnTheSecondAttempt(String post) {
        JsonNode delivery = PostingFixtures.onlyDelivery(PostingFixtures.awaitStatus(api, tenant, key, post,
                "published"));
        JsonNode attempts = delivery.path("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).path("outcome").asString()).isEqualTo("transient");
        assertThat(attempts.get(1).path("outcome").asString()).isEqualTo("reconciled");
        return delivery;
    }

    private static List<JsonNode> ofKind(List<JsonNode> published, String kind) {
        return published.stream().filter(p -> kind.equals(p.path("kind").asString())).toList();
    }

    @Test
    void anInstagramStoryWhoseAnswerWasLostIsPublishedOnceAndFoundAmongTheAccountsStories() {
        loseTheNextPublishAnswer();

        String post = create("story", "Not shown on a Story");

        JsonNode delivery = reconciledOnTheSecondAttempt(post);
        List<JsonNode> stories = ofKind(PostingFixtures.published(api), "story");
        assertThat(stories).hasSize(1);
        assertThat(PostingFixtures.published(api)).hasSize(1);
        assertThat(delivery.path("platform_post_id").asString()).isEqualTo(stories.getFirst().path("id").asString());
        assertThat(delivery.path("permalink").asString()).isEqualTo(stories.getFirst().path("permalink").asString());
    }

    @Test
    void aLostStoryWithTheOwnersOwnStoryInTheSameWindowIsPublishedOnceWithItsIdUnknown() throws Exception {
        // A feed post first, whose signed photo address the owner's phone then posts as a Story of its own.
        String feed = create("feed", "Burrata tonight");
        PostingFixtures.awaitStatus(api, tenant, key, feed, "published");
        String imageUrl = PostingFixtures.published(api).getFirst().path("image_urls").get(0).asString();
        String owners = publishStoryAsTheOwner(imageUrl);
        loseTheNextPublishAnswer();

        String post = create("story", null);

        JsonNode delivery = reconciledOnTheSecondAttempt(post);
        List<JsonNode> stories = ofKind(PostingFixtures.published(api), "story");
        assertThat(stories).hasSize(2);
        // Two Stories could be the one the container became: neither is taken, the owner's least of all.
        assertThat(delivery.path("platform_post_id").isNull()).as(delivery.toString()).isTrue();
        assertThat(delivery.path("permalink").isNull()).isTrue();
        assertThat(stories).extracting(s -> s.path("id").asString()).contains(owners);
        // The owner's page says it went out and where to find it, with no link to someone else's Story.
        FormSession owner = new FormSession(port);
        assertThat(owner.submit(ownerInvite, Map.of("password", "correct horse battery staple",
                "password_again", "correct horse battery staple")).statusCode()).isEqualTo(302);
        HttpResponse<String> page = owner.get("/app/calendar/posts/" + post);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("It went out, but Instagram did not say which post it became")
                .doesNotContain("instagram.com/stories/");
    }

    @Test
    void aCaptionlessFeedPostWhoseAnswerWasLostIsNotTakenForAnotherCaptionlessPost() {
        String first = create("feed", null);
        JsonNode firstDelivery = PostingFixtures.onlyDelivery(PostingFixtures.awaitStatus(api, tenant, key, first,
                "published"));
        String firstMedia = firstDelivery.path("platform_post_id").asString();
        assertThat(firstMedia).isNotBlank();
        loseTheNextPublishAnswer();

        String second = create("feed", null, Map.of("first_comment", "Book a table"));

        JsonNode delivery = reconciledOnTheSecondAttempt(second);
        List<JsonNode> published = PostingFixtures.published(api);
        assertThat(published).hasSize(2);
        // No caption says which media it became; the first post's is held by the first delivery, so the one
        // captionless post left in the window is this one.
        String secondMedia = published.stream().map(item -> item.path("id").asString())
                .filter(id -> !id.equals(firstMedia)).findFirst().orElseThrow();
        assertThat(delivery.path("platform_post_id").asString()).as(delivery.toString()).isEqualTo(secondMedia);
        // The first comment lands on it, and nothing on the first post.
        String path = "/api/v1/tenants/" + tenant + "/posts/" + second;
        await().atMost(Duration.ofSeconds(20)).until(() -> "posted".equals(PostingFixtures.onlyDelivery(
                api.get(path, key).body()).path("first_comment").path("status").asString()));
        assertThat(api.get("/sandbox/admin/published/" + firstMedia, null).body().path("comments")).isEmpty();
        assertThat(api.get("/sandbox/admin/published/" + secondMedia, null).body().path("comments")).hasSize(1);
    }

    @Test
    void aCaptionlessFacebookPhotoWhoseAnswerWasLostIsFoundOnceAndNotPostedAgain() {
        String first = createOn(PostingFixtures.PAGE, null);
        String firstPost = PostingFixtures.onlyDelivery(PostingFixtures.awaitStatus(api, tenant, key, first,
                "published")).path("platform_post_id").asString();
        assertThat(api.post("/sandbox/admin/faults", null, Map.of("operation", "page/photos", "code", 2,
                "is_transient", true, "after_success", true)).status()).isEqualTo(201);

        String second = createOn(PostingFixtures.PAGE, null);

        JsonNode delivery = reconciledOnTheSecondAttempt(second);
        List<JsonNode> published = PostingFixtures.published(api);
        assertThat(published).hasSize(2);
        assertThat(delivery.path("platform_post_id").asString()).isNotBlank().isNotEqualTo(firstPost);
    }

    private String createOn(String platformUserId, String caption) {
        Map<String, Object> body = new HashMap<>(Map.of("asset_ids", List.of(photo), "publish_now", true,
                "targets", List.of(Map.of("account_id", accounts.get(platformUserId)))));
        if (caption != null) {
            body.put("caption", caption);
        }
        ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }

    @Test
    void theSandboxListsInstagramStoriesAtStoriesNotAmongTheMediaAndOnlyForADay() throws Exception {
        String story = create("story", "A Story");
        String feed = create("feed", "A feed post");
        PostingFixtures.awaitStatus(api, tenant, key, story, "published");
        PostingFixtures.awaitStatus(api, tenant, key, feed, "published");
        String storyId = PostingFixtures.onlyDelivery(api.get("/api/v1/tenants/" + tenant + "/posts/" + story, key)
                .body()).path("platform_post_id").asString();
        String feedId = PostingFixtures.onlyDelivery(api.get("/api/v1/tenants/" + tenant + "/posts/" + feed, key)
                .body()).path("platform_post_id").asString();
        String token = ownersToken();

        List<String> media = ids(graph(token, INSTAGRAM + "/media?fields=id,caption,timestamp"));
        JsonNode stories = graph(token, INSTAGRAM + "/stories?fields=id,media_type,media_product_type,timestamp,"
                + "permalink").path("data");

        assertThat(media).contains(feedId).doesNotContain(storyId);
        assertThat(stories).hasSize(1);
        JsonNode listed = stories.get(0);
        assertThat(listed.path("id").asString()).isEqualTo(storyId);
        assertThat(listed.path("media_type").asString()).isEqualTo("IMAGE");
        assertThat(listed.path("media_product_type").asString()).isEqualTo("STORY");
        assertThat(listed.path("timestamp").asString()).isNotBlank();
        assertThat(listed.has("caption")).isFalse();
        assertThat(api.get("/sandbox/admin/accounts/" + INSTAGRAM + "/feed", null).body().path("data"))
                .extracting(item -> item.path("id").asString()).containsExactly(feedId);

        CLOCK.advance(Duration.ofHours(25));
        assertThat(graph(ownersToken(), INSTAGRAM + "/stories").path("data")).isEmpty();
    }

    /** A Story the owner posts outside Forkcast (as from the phone), through Graph: container, then publish. */
    private String publishStoryAsTheOwner(String imageUrl) throws Exception {
        String token = ownersToken();
        String auth = "access_token=" + token + "&appsecret_proof=" + proof(token);
        ApiClient.Response container = api.post(GRAPH + INSTAGRAM + "/media?media_type=STORIES&image_url="
                + URLEncoder.encode(imageUrl, StandardCharsets.UTF_8) + "&" + auth, null, null);
        assertThat(container.status()).as(container.raw().body()).isEqualTo(200);
        String id = container.text("id");
        await().atMost(Duration.ofSeconds(10)).until(() -> "FINISHED".equals(
                api.get(GRAPH + id + "?fields=status_code&" + auth, null).text("status_code")));
        ApiClient.Response published = api.post(GRAPH + INSTAGRAM + "/media_publish?creation_id=" + id + "&" + auth,
                null, null);
        assertThat(published.status()).as(published.raw().body()).isEqualTo(200);
        return published.text("id");
    }

    private String ownersToken() {
        return api.post("/sandbox/admin/tokens", null, Map.of("user_id", "10000000000001")).text("access_token");
    }

    private JsonNode graph(String token, String pathAndQuery) throws Exception {
        ApiClient.Response response = api.get(GRAPH + pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?")
                + "access_token=" + token + "&appsecret_proof=" + proof(token), null);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(200);
        return response.body();
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("data").forEach(item -> ids.add(item.path("id").asString()));
        return ids;
    }

    private static String proof(String token) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("sandbox-app-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(token.getBytes(StandardCharsets.UTF_8)));
    }
}
