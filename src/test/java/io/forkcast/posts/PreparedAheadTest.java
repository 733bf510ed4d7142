package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.forkcast.posts.PostingFixtures.INSTAGRAM;
import static io.forkcast.posts.PostingFixtures.PAGE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A scheduled Facebook or Instagram post is prepared ahead of its time (the Instagram container made and processed,
 * the Facebook photo uploaded unpublished), nothing goes out before the time, and at the time one call publishes
 * what was prepared. Whatever was prepared and no longer fits (the words changed, the container expired, the photo
 * is gone, the preparation failed) is made afresh at the time: the post goes out once, as it is then.
 */
class PreparedAheadTest extends SandboxedApiTest {

    @Autowired
    private JdbcTemplate jdbc;

    private ApiClient api;
    private String tenant;
    private String key;
    private Map<String, String> accounts;
    private String photo;

    @BeforeEach
    void connectedTenantWithAPhoto() throws Exception {
        api = api();
        tenant = api.createTenant("Ahead " + UUID.randomUUID().toString().substring(0, 8), "enterprise");
        key = api.createKey(tenant, "read", "write");
        accounts = PostingFixtures.connect(api, tenant, key);
        photo = PostingFixtures.upload(port, tenant, key);
    }

    @Test
    void aScheduledPostIsPreparedAheadAndGoesOutAtItsTimeWithOneCallEach() {
        Instant due = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        String post = create("Truffle risotto tonight", due);
        String facebook = deliveryId(post, "facebook");
        String instagram = deliveryId(post, "instagram");

        String container = awaitPrepared(instagram);
        String uploaded = awaitPrepared(facebook);
        assertThat(PostingFixtures.published(api)).as("nothing goes out before its time").isEmpty();
        assertThat(containers()).singleElement().satisfies(made -> {
            assertThat(made.path("id").asString()).isEqualTo(container);
            assertThat(made.path("status").asString()).isEqualTo("FINISHED");
            assertThat(made.path("caption").asString()).isEqualTo("Truffle risotto tonight");
        });
        assertThat(unpublishedPhotos()).containsExactly(uploaded);
        // Watched on the wall clock (this test's application clock stands still): nothing out until the time.
        Duration untilShortlyBefore = Duration.between(Instant.now(), due.minusMillis(300));
        if (!untilShortlyBefore.isNegative()) {
            await().during(untilShortlyBefore).atMost(untilShortlyBefore.plusSeconds(2))
                    .until(() -> PostingFixtures.published(api).isEmpty());
        }

        JsonNode published = PostingFixtures.awaitStatus(api, tenant, key, post, "published");
        assertThat(Instant.now()).isAfterOrEqualTo(due);
        for (JsonNode delivery : published.path("deliveries")) {
            assertThat(delivery.path("attempts")).hasSize(1);
        }
        assertThat(containerOfAttempt(instagram)).isEqualTo(container);
        assertThat(containers()).as("no container made at the time").singleElement()
                .satisfies(made -> assertThat(made.path("status").asString()).isEqualTo("PUBLISHED"));
        assertThat(unpublishedPhotos()).as("the photo uploaded ahead is the post's").isEmpty();
        List<JsonNode> out = PostingFixtures.published(api);
        assertThat(out).hasSize(2).allSatisfy(item ->
                assertThat(item.path("caption").asString()).isEqualTo("Truffle risotto tonight"));
    }

    @Test
    void wordsChangedAfterPreparingAreTheWordsThatGoOut() {
        Instant due = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        String post = create("Soup of the day: leek", due);
        String facebook = deliveryId(post, "facebook");
        String instagram = deliveryId(post, "instagram");
        String first = awaitPrepared(instagram);
        String uploaded = awaitPrepared(facebook);

        ApiClient.Response changed = api.patch("/api/v1/tenants/" + tenant + "/posts/" + post, key,
                Map.of("caption", "Soup of the day: pumpkin"));
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);

        // Instagram's container carries the words: a new one is made with the new words. Facebook's photo does
        // not: the one uploaded ahead stays, and the words go with the post at the time.
        await().atMost(Duration.ofSeconds(8)).until(() -> prepared(instagram) != null
                && !first.equals(prepared(instagram)));
        String second = prepared(instagram);
        assertThat(prepared(facebook)).isEqualTo(uploaded);

        PostingFixtures.awaitStatus(api, tenant, key, post, "published");
        assertThat(containerOfAttempt(instagram)).isEqualTo(second);
        assertThat(PostingFixtures.published(api)).hasSize(2).allSatisfy(item ->
                assertThat(item.path("caption").asString()).isEqualTo("Soup of the day: pumpkin"));
        assertThat(containers()).extracting(made -> made.path("id").asString() + " " + made.path("status").asString())
                .containsExactly(first + " FINISHED", second + " PUBLISHED");
        assertThat(unpublishedPhotos()).isEmpty();
    }

    @Test
    void aPreparedContainerThatExpiredIsMadeAgainAndGoesOutOnce() {
        Instant due = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        String post = create("Oysters are back", due, accounts.get(INSTAGRAM));
        String instagram = deliveryId(post, "instagram");
        String prepared = awaitPrepared(instagram);

        // A day passes on Meta's side (the container expires after 24 hours) while the preparation still looks
        // fresh to Forkcast (as a clock set wrong, or a post moved, could make it): media_publish refuses it.
        CLOCK.advance(Duration.ofHours(25));
        jdbc.update("update post_deliveries set prepared_at = ? where id = ?", Timestamp.from(CLOCK.instant()),
                UUID.fromString(instagram));

        PostingFixtures.awaitStatus(api, tenant, key, post, "published");
        List<JsonNode> made = containers();
        assertThat(made).hasSize(2);
        assertThat(made.get(0).path("id").asString()).isEqualTo(prepared);
        assertThat(made.get(0).path("status").asString()).isEqualTo("EXPIRED");
        assertThat(made.get(1).path("status").asString()).isEqualTo("PUBLISHED");
        assertThat(containerOfAttempt(instagram)).isEqualTo(made.get(1).path("id").asString());
        assertThat(PostingFixtures.published(api)).singleElement()
                .satisfies(item -> assertThat(item.path("caption").asString()).isEqualTo("Oysters are back"));
    }

    @Test
    void photosUploadedAheadThatAreGoneAreUploadedAgain() {
        Instant due = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        String post = create("Lunch menu at 12", due, accounts.get(PAGE));
        String facebook = deliveryId(post, "facebook");
        awaitPrepared(facebook);
        // Meta no longer has the photo to attach (removed from the Page's unpublished photos, say).
        jdbc.update("update post_deliveries set prepared_media = '999999999999' where id = ?",
                UUID.fromString(facebook));

        JsonNode delivery = PostingFixtures.onlyDelivery(PostingFixtures.awaitStatus(api, tenant, key, post,
                "published"));
        assertThat(delivery.path("attempts")).hasSize(1);
        assertThat(PostingFixtures.published(api)).singleElement()
                .satisfies(item -> assertThat(item.path("caption").asString()).isEqualTo("Lunch menu at 12"));
    }

    @Test
    void aPreparationThatFailsLeavesThePostToBeMadeInFullAtItsTime() {
        assertThat(api.post("/sandbox/admin/container-outcomes", null, Map.of("status", "ERROR")).status())
                .isEqualTo(201);
        Instant due = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        String post = create("Fresh pasta", due, accounts.get(INSTAGRAM));
        String instagram = deliveryId(post, "instagram");
        await().atMost(Duration.ofSeconds(8)).until(() -> containers().size() == 1
                && "ERROR".equals(containers().getFirst().path("status").asString()));

        PostingFixtures.awaitStatus(api, tenant, key, post, "published");
        assertThat(prepared(instagram)).as("nothing recorded of the failed preparation").isNull();
        List<JsonNode> made = containers();
        assertThat(made).hasSize(2);
        assertThat(made.get(1).path("status").asString()).isEqualTo("PUBLISHED");
        assertThat(PostingFixtures.published(api)).hasSize(1);
    }

    @Test
    void aPostCancelledAfterItWasPreparedNeverGoesOut() {
        Instant due = Instant.now().plusSeconds(10).truncatedTo(ChronoUnit.SECONDS);
        String post = create("Closed for a private party", due);
        awaitPrepared(deliveryId(post, "instagram"));
        awaitPrepared(deliveryId(post, "facebook"));

        assertThat(api.delete("/api/v1/tenants/" + tenant + "/posts/" + post, key).status()).isEqualTo(200);

        await().pollDelay(Duration.between(Instant.now(), due).plusSeconds(2)).atMost(Duration.ofSeconds(20))
                .until(() -> true);
        assertThat(PostingFixtures.published(api)).isEmpty();
        assertThat(containers()).singleElement()
                .satisfies(made -> assertThat(made.path("status").asString()).isEqualTo("FINISHED"));
    }

    @Test
    void aPostForLaterIsPreparedOnlyOnceItComesWithinTheWindow() {
        Instant due = Instant.now().plus(Duration.ofMinutes(11)).truncatedTo(ChronoUnit.SECONDS);
        String post = create("Sunday roast", due, accounts.get(INSTAGRAM));
        String instagram = deliveryId(post, "instagram");
        // Eleven minutes ahead, the ten-minute window has not come: a look finds nothing to prepare.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> prepared(instagram) == null);
        assertThat(containers()).isEmpty();

        // Time passes (on the application's clock): the next regular look prepares it.
        CLOCK.advance(Duration.ofMinutes(2));
        assertThat(awaitPrepared(instagram)).isEqualTo(containers().getFirst().path("id").asString());
        assertThat(api.delete("/api/v1/tenants/" + tenant + "/posts/" + post, key).status()).isEqualTo(200);
    }

    private String create(String caption, Instant due) {
        return create(caption, due, accounts.get(PAGE), accounts.get(INSTAGRAM));
    }

    private String create(String caption, Instant due, String... accountIds) {
        ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                "targets", PostingFixtures.targets(accountIds), "caption", caption, "asset_ids", List.of(photo),
                "scheduled_for", due.toString()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }

    private String deliveryId(String post, String platform) {
        for (JsonNode delivery : api.get("/api/v1/tenants/" + tenant + "/posts/" + post, key).body()
                .path("deliveries")) {
            if (platform.equals(delivery.path("platform").asString())) {
                return delivery.path("id").asString();
            }
        }
        throw new AssertionError("No " + platform + " delivery in post " + post);
    }

    /** Waits for the delivery's preparation; answers what was made (the container, or the photo ids). */
    private String awaitPrepared(String deliveryId) {
        await().atMost(Duration.ofSeconds(8)).until(() -> prepared(deliveryId) != null);
        return prepared(deliveryId);
    }

    private String prepared(String deliveryId) {
        return jdbc.queryForObject("select prepared_media from post_deliveries where id = ?", String.class,
                UUID.fromString(deliveryId));
    }

    private String containerOfAttempt(String deliveryId) {
        return jdbc.queryForObject("select container_id from post_attempts where delivery_id = ? and attempt_no = 1",
                String.class, UUID.fromString(deliveryId));
    }

    private List<JsonNode> containers() {
        List<JsonNode> all = new ArrayList<>();
        api.get("/sandbox/admin/containers", null).body().path("data").forEach(all::add);
        return all;
    }

    private List<String> unpublishedPhotos() {
        List<String> ids = new ArrayList<>();
        api.get("/sandbox/admin/unpublished-photos", null).body().path("data")
                .forEach(id -> ids.add(id.asString()));
        return ids;
    }
}
