package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code hold} late policy: a post that would go out too late waits for its owner, who publishes or cancels it. */
@TestPropertySource(properties = {"forkcast.posts.late-policy=hold", "forkcast.posts.late-after=2m"})
class LatePostsHeldTest extends SandboxedApiTest {

    private String tenant;
    private String key;
    private Map<String, String> accounts;
    private String asset;

    @BeforeEach
    void connectedTenantWithAnImage() throws Exception {
        tenant = api().createTenant("Held " + UUID.randomUUID().toString().substring(0, 8), "basic");
        key = api().createKey(tenant, "read", "write");
        accounts = PostingFixtures.connect(api(), tenant, key);
        asset = PostingFixtures.upload(port, tenant, key);
    }

    @AfterEach
    void disconnect() {
        accounts.values().forEach(account -> api().delete(path("/accounts/" + account), key));
    }

    @Test
    void aLatePostIsHeld_theOwnerPublishesOneNowAndCancelsTheOther_anOnTimeOneGoesOut() {
        CLOCK.reset();
        String due = Instant.now().plusSeconds(3).toString();
        String first = create(due, "Held brunch");
        String second = create(due, "Held dinner");
        // Three minutes pass before the jobs run: more than the two allowed.
        CLOCK.advance(Duration.ofMinutes(3));
        JsonNode held = awaitStatus(first, "held");
        awaitStatus(second, "held");
        assertThat(PostingFixtures.onlyDelivery(held).path("attempts")).isEmpty();
        assertThat(PostingFixtures.onlyDelivery(held).path("failure").path("message").asString())
                .contains("publish it now or cancel it");
        assertThat(published()).isEmpty();
        assertThat(api().get(path("/posts?status=held"), key).body().path("items")).hasSize(2);

        CLOCK.reset();
        ApiClient.Response publishNow = api().post(path(retryPath(first)), key, null);
        assertThat(publishNow.status()).as(publishNow.raw().body()).isEqualTo(200);
        JsonNode done = awaitStatus(first, "published");
        assertThat(PostingFixtures.onlyDelivery(done).path("late").asBoolean()).isFalse();
        ApiClient.Response cancelled = api().delete(path("/posts/" + second), key);
        assertThat(cancelled.status()).as(cancelled.raw().body()).isEqualTo(200);
        assertThat(cancelled.body().path("post").path("status").asString()).isEqualTo("cancelled");
        // A held post that was cancelled is not published; nor can a cancelled one be held again or retried.
        assertThat(api().post(path(retryPath(second)), key, null).status()).isEqualTo(409);

        String onTime = create(null, "On time");
        awaitStatus(onTime, "published");
        assertThat(published()).extracting(p -> p.path("caption").asString())
                .containsExactlyInAnyOrder("Held brunch", "On time");
    }

    private String create(String at, String caption) {
        Map<String, Object> body = at == null
                ? Map.of("targets", PostingFixtures.targets(accounts.get(PostingFixtures.PAGE)), "caption", caption,
                        "asset_ids", List.of(asset), "publish_now", true)
                : Map.of("targets", PostingFixtures.targets(accounts.get(PostingFixtures.PAGE)), "caption", caption,
                        "asset_ids", List.of(asset), "scheduled_for", at);
        ApiClient.Response created = api().post(path("/posts"), key, body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }

    private String retryPath(String postId) {
        JsonNode post = api().get(path("/posts/" + postId), key).body();
        return "/posts/" + postId + "/deliveries/" + PostingFixtures.onlyDelivery(post).path("id").asString()
                + "/retry";
    }

    private JsonNode awaitStatus(String postId, String status) {
        return PostingFixtures.awaitStatus(api(), tenant, key, postId, status);
    }

    private List<JsonNode> published() {
        return PostingFixtures.published(api());
    }

    private String path(String rest) {
        return "/api/v1/tenants/" + tenant + rest;
    }
}
