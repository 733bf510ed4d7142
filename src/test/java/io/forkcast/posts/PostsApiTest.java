package io.forkcast.posts;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.sun.net.httpserver.HttpServer;
import io.forkcast.accounts.AccessTokens;
import io.forkcast.meta.GraphError;
import io.forkcast.meta.GraphClient;
import io.forkcast.support.ApiClient;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import java.net.InetSocketAddress;
import io.forkcast.support.Browser;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The posts API and the publish pipeline, end to end against the sandbox's Graph API. */
class PostsApiTest extends SandboxedApiTest {

    private static final String PAGE = "200000000000001";
    private static final String INSTAGRAM = "17841400000000001";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private GraphClient graph;
    @Autowired
    private AccessTokens tokens;
    @Autowired
    private CurrentTenant currentTenant;
    @Autowired
    private Posts posts;
    @Autowired
    private io.forkcast.shared.web.IdempotencyKeys idempotencyKeys;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private SchedulerClient jobs;
    @Autowired
    private TransactionTemplate transactions;
    @Autowired
    private Publisher publisher;
    @Autowired
    private Environment environment;
    @Autowired
    private MeterRegistry meters;

    private String tenantId;
    private String key;
    private String facebook;
    private String instagram;
    private String asset;

    @BeforeEach
    void connectedTenantWithAnImage() {
        tenantId = api().createTenant("Posts " + UUID.randomUUID().toString().substring(0, 8), "basic");
        key = api().createKey(tenantId, "read", "write");
        Browser browser = new Browser();
        ApiClient.Response link = api().get("/api/v1/oauth/facebook/authorize?tenant_id=" + tenantId, key);
        assertThat(link.status()).isEqualTo(200);
        Browser.Page dialog = browser.open(URI.create(link.text("authorization_url")));
        URI callback = browser.submitAndStop(dialog, "approve", Set.of(PAGE));
        assertThat(api().get(callback.getRawPath() + "?" + callback.getRawQuery(), null).status()).isEqualTo(200);
        for (JsonNode account : api().get(path("/accounts"), key).body().path("items")) {
            if (account.path("platform_user_id").asString().equals(PAGE)) {
                facebook = account.path("id").asString();
            } else if (account.path("platform_user_id").asString().equals(INSTAGRAM)) {
                instagram = account.path("id").asString();
            }
        }
        assertThat(facebook).isNotNull();
        assertThat(instagram).isNotNull();
        asset = upload(jpeg(1080, 1080));
    }

    /** The application is shared with other tests: leave no live accounts for their token health checks. */
    @AfterEach
    void disconnect() {
        api().delete(path("/accounts/" + facebook), key);
        api().delete(path("/accounts/" + instagram), key);
    }

    @Test
    void publishNowPostsOnceToThePageAndToInstagramWithPermalinksAndTheContainerId() {
        ApiClient.Response created = api().post(path("/posts"), key, Map.of("targets", targets(facebook, instagram),
                "caption", "Fresh pasta tonight #pasta", "asset_ids", List.of(asset), "publish_now", true));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.body().path("deliveries")).hasSize(2);
        assertThat(created.body().path("asset_ids").get(0).asString()).isEqualTo(asset);
        JsonNode done = awaitStatus(created.text("id"), "published");
        for (JsonNode delivery : done.path("deliveries")) {
            assertThat(delivery.path("status").asString()).isEqualTo("published");
            assertThat(delivery.path("permalink").asString()).startsWith("https://");
            assertThat(delivery.path("platform_post_id").asString()).isNotBlank();
            assertThat(delivery.path("attempts")).hasSize(1);
            assertThat(delivery.path("attempts").get(0).path("outcome").asString()).isEqualTo("published");
            if (delivery.path("platform").asString().equals("instagram")) {
                assertThat(delivery.path("attempts").get(0).path("container_id").asString()).isNotBlank();
            }
        }
        List<JsonNode> published = published();
        assertThat(published).hasSize(2);
        assertThat(published).allSatisfy(p -> assertThat(p.path("caption").asString())
                .isEqualTo("Fresh pasta tonight #pasta"));
        assertThat(published.stream().map(p -> p.path("image_urls").get(0).asString()))
                .anySatisfy(url -> assertThat(url).contains("/media/" + asset + "/instagram"))
                .anySatisfy(url -> assertThat(url).contains("/media/" + asset + "/original"));

        String metrics = api().getText("/actuator/prometheus");
        for (String platform : List.of("facebook", "instagram")) {
            assertThat(metrics).containsPattern("forkcast_posts_accepted_total\\{[^}]*platform=\"" + platform
                    + "\"[^}]*} [1-9]");
            assertThat(metrics).containsPattern("forkcast_posts_published_total\\{[^}]*platform=\"" + platform
                    + "\"[^}]*} [1-9]");
        }
        assertThat(metrics).containsPattern("forkcast_publish_lateness_seconds_bucket\\{[^}]*le=\"[0-9.]+\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("forkcast_publish_lateness_seconds_count(\\{[^}]*})? [1-9]");
    }

    /**
     * More posts due at one instant than there are job threads: every one is started before more than a thread's
     * worth of them is recorded. Were each recorded by the run that published it, the last ones could start only once
     * runs before them (their recording included) were done: at least {@code posts - threads} recorded first.
     */
    @Test
    void aBurstGoesOutBeforeItIsRecorded() {
        int threads = environment.getProperty("forkcast.jobs.threads", Integer.class, 4);
        int burst = 2 * threads + 1;
        assertThat(burst).as("the burst fits the basic plan's 10 posts a day").isLessThanOrEqualTo(10);
        CLOCK.tick();
        double failedBefore = failedPublishRuns();
        String at = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS).toString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < burst; i++) {
            ApiClient.Response created = api().post(path("/posts"), key, Map.of("targets", targets(facebook),
                    "caption", "Burst " + i, "asset_ids", List.of(asset), "scheduled_for", at));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            ids.add(created.text("id"));
        }
        ids.forEach(id -> awaitStatus(id, "published"));

        List<Map<String, Object>> attempts = jdbc.queryForList("select a.delivery_id, a.started_at, a.finished_at"
                + " from post_attempts a join post_deliveries d on d.id = a.delivery_id where d.tenant_id = ?"
                + " order by a.started_at", UUID.fromString(tenantId));
        assertThat(attempts).hasSize(burst);
        // A run that threw (no free connection on a loaded machine, say) runs again a second later, after the others
        // were recorded: that is the retry path, tested on its own. The order claimed here is that of first runs.
        double failedRuns = failedPublishRuns() - failedBefore;
        assumeTrue(failedRuns == 0, () -> failedRuns + " publish run(s) failed and ran again during the burst");
        Instant lastStart = attempts.stream().map(a -> instant(a.get("started_at"))).max(Instant::compareTo)
                .orElseThrow();
        long recordedBeforeIt = attempts.stream().filter(a -> instant(a.get("finished_at")).isBefore(lastStart))
                .count();
        Instant due = Instant.parse(at);
        assertThat(recordedBeforeIt).as(() -> "attempts recorded before the last one started; each attempt's start"
                        + " and end, after the time it was due: " + attempts.stream().map(a -> a.get("delivery_id")
                        + " " + Duration.between(due, instant(a.get("started_at"))).toMillis() + " ms to "
                        + Duration.between(due, instant(a.get("finished_at"))).toMillis() + " ms").toList())
                .isLessThan(burst - threads);
        assertThat(published()).hasSize(burst);
    }

    /** Runs of the publish job that threw on this application (each runs again, backing off). */
    private double failedPublishRuns() {
        Counter failed = meters.find("forkcast.jobs.completed").tag("job", PublishJob.NAME).tag("result", "failure")
                .counter();
        return failed == null ? 0 : failed.count();
    }

    /** A run that recorded its delivery stopped before its job was done: the job's next run records nothing again. */
    @Test
    void whatWasRecordedIsNotRecordedTwice() {
        ApiClient.Response created = api().post(path("/posts"), key, Map.of("targets", targets(facebook),
                "caption", "Soup of the day", "asset_ids", List.of(asset), "publish_now", true));
        JsonNode before = onlyDelivery(awaitStatus(created.text("id"), "published"));
        UUID deliveryId = UUID.fromString(before.path("id").asString());
        UUID attemptId = jdbc.queryForObject("select id from post_attempts where delivery_id = ?", UUID.class,
                deliveryId);

        Publisher.Next next = publisher.record(new TenantId(UUID.fromString(tenantId)),
                deliveryId, new Publisher.Accepted(UUID.fromString(created.text("id")), attemptId, "another-id",
                        "https://www.facebook.com/another", Instant.now()));

        assertThat(next).isEqualTo(Publisher.Next.DONE);
        JsonNode after = onlyDelivery(api().get(path("/posts/" + created.text("id")), key).body());
        assertThat(after.path("platform_post_id").asString()).isEqualTo(before.path("platform_post_id").asString());
        assertThat(after.path("permalink").asString()).isEqualTo(before.path("permalink").asString());
        assertThat(after.path("attempts")).hasSize(1);
    }

    private static Instant instant(Object timestamp) {
        return switch (timestamp) {
            case java.sql.Timestamp t -> t.toInstant();
            case java.time.OffsetDateTime t -> t.toInstant();
            default -> throw new IllegalArgumentException("Not a timestamp: " + timestamp);
        };
    }

    @Test
    void eachNetworkMayHaveItsOwnCaption_checkedAgainstThatNetworksRules() {
        ApiClient.Response created = api().post(path("/posts"), key, Map.of("targets", List.of(
                        Map.of("account_id", facebook), Map.of("account_id", instagram, "caption", "Pasta! #pasta")),
                "caption", "Fresh pasta tonight, book a table.", "asset_ids", List.of(asset), "publish_now", true));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        awaitStatus(created.text("id"), "published");
        assertThat(published()).extracting(p -> p.path("caption").asString())
                .containsExactlyInAnyOrder("Fresh pasta tonight, book a table.", "Pasta! #pasta");

        ApiClient.Response refused = api().post(path("/posts"), key, Map.of("targets", List.of(
                        Map.of("account_id", facebook), Map.of("account_id", instagram, "caption", "#a ".repeat(31))),
                "caption", "Fine for Facebook", "asset_ids", List.of(asset), "publish_now", true));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw().body()).contains("Instagram takes at most 30 hashtags");
        assertThat(published()).hasSize(2);
    }

    @Test
    void severalImagesBecomeAnInstagramCarouselAndOneFacebookPostWithAttachedMedia() {
        String second = upload(jpeg(1080, 1350));
        ApiClient.Response created = api().post(path("/posts"), key, Map.of("targets", targets(facebook, instagram),
                "caption", "Two dishes", "asset_ids", List.of(asset, second), "publish_now", true));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        awaitStatus(created.text("id"), "published");
        List<JsonNode> published = published();
        assertThat(published).hasSize(2);
        assertThat(published).allSatisfy(p -> assertThat(p.path("image_urls")).hasSize(2));
        assertThat(published.getFirst().path("image_urls").get(0).asString()).contains(asset);
    }

    @Test
    void aTimeoutAfterThePostWasCreatedIsReconciledWithoutADuplicate() {
        fault(Map.of("operation", "page/photos", "code", 2, "is_transient", true, "after_success", true));
        String id = createNow(facebook, "Reconcile me");
        JsonNode done = onlyDelivery(awaitStatus(id, "published"));
        assertThat(published()).hasSize(1);
        JsonNode attempts = done.path("attempts");
        assertThat(attempts).hasSize(2);
        assertThat(attempts.get(0).path("outcome").asString()).isEqualTo("transient");
        assertThat(attempts.get(1).path("outcome").asString()).isEqualTo("reconciled");
        assertThat(done.path("platform_post_id").asString()).isEqualTo(published().getFirst().path("id").asString());
    }

    @Test
    void theSandboxListsAndCountsWhatItPublishedByTheStartOfTheCaption() {
        awaitStatus(createNow(facebook, "Lunch: leek soup"), "published");
        awaitStatus(createNow(instagram, "Lunch: bitter leaves"), "published");
        awaitStatus(createNow(facebook, "Dinner: short rib"), "published");

        assertThat(api().get("/sandbox/admin/published/count", null).body().path("count").asInt()).isEqualTo(3);
        assertThat(api().get("/sandbox/admin/published/count?caption_prefix=Lunch:", null).body().path("count")
                .asInt()).isEqualTo(2);
        assertThat(api().get("/sandbox/admin/published/count?caption_prefix=Brunch", null).body().path("count")
                .asInt()).isZero();
        List<String> lunch = new java.util.ArrayList<>();
        api().get("/sandbox/admin/published?caption_prefix=Lunch:", null).body().path("data")
                .forEach(p -> lunch.add(p.path("caption").asString()));
        assertThat(lunch).containsExactly("Lunch: leek soup", "Lunch: bitter leaves");
        assertThat(published()).hasSize(3);
    }

    @Test
    void aTransientErrorBeforeTheCallTookEffectIsRetriedAndPublishesOnce() {
        fault(Map.of("operation", "ig/media_publish", "code", 2, "is_transient", true));
        String id = createNow(instagram, "Retry me");
        JsonNode done = onlyDelivery(awaitStatus(id, "published"));
        assertThat(published()).hasSize(1);
        assertThat(done.path("attempts")).hasSize(2);
        assertThat(done.path("attempts").get(1).path("outcome").asString()).isEqualTo("published");
    }

    @Test
    void aRevokedTokenFailsTheDeliveryWithASentenceAndMarksTheAccountForReconnection() {
        fault(Map.of("operation", "page/photos", "code", 190, "error_subcode", 460));
        String id = createNow(facebook, "Never posted");
        JsonNode failed = onlyDelivery(awaitStatus(id, "failed"));
        assertThat(failed.path("failure").path("code").asString()).isEqualTo("190/460");
        assertThat(failed.path("failure").path("message").asString()).startsWith("Reconnect your Facebook page");
        assertThat(published()).isEmpty();
        assertThat(api().get(path("/accounts/" + facebook), key).text("status")).isEqualTo("needs_reconnect");
        // The failure is counted by platform and kind, never with the message.
        assertThat(api().getText("/actuator/prometheus")).containsPattern(
                "forkcast_posts_failed_total\\{[^}]*platform=\"facebook\"[^}]*reason=\"auth_invalid\"[^}]*} [1-9]");
    }

    @Test
    void oneNetworkFailingAndTheOtherPublishingIsPartiallyPublished_theFailedOneIsRetriedAlone() {
        fault(Map.of("operation", "page/photos", "code", 100, "message", "(#100) Invalid parameter"));
        ApiClient.Response created = api().post(path("/posts"), key, Map.of("targets", targets(facebook, instagram),
                "caption", "Half and half", "asset_ids", List.of(asset), "publish_now", true));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.text("id");
        JsonNode partial = awaitStatus(id, "partially_published");
        JsonNode failed = delivery(partial, "facebook");
        assertThat(failed.path("status").asString()).isEqualTo("failed");
        assertThat(delivery(partial, "instagram").path("status").asString()).isEqualTo("published");
        ApiClient.Response retried = api().post(path("/posts/" + id + "/deliveries/" + failed.path("id").asString()
                + "/retry"), key, null);
        assertThat(retried.status()).as(retried.raw().body()).isEqualTo(200);
        awaitStatus(id, "published");
        assertThat(published()).hasSize(2);
        String instagramDelivery = delivery(partial, "instagram").path("id").asString();
        assertThat(api().post(path("/posts/" + id + "/deliveries/" + instagramDelivery + "/retry"), key, null)
                .status()).isEqualTo(409);
    }

    @Test
    void aPostThatWouldGoOutMoreThanFiveMinutesLateIsPublishedFlaggedLate_anOnTimeOneIsNot() {
        CLOCK.reset();
        String late = createAt(facebook, Instant.now().plusSeconds(3).toString());
        // The instance was down, say: when the job runs, ten minutes have passed.
        CLOCK.advance(Duration.ofMinutes(10));
        JsonNode published = onlyDelivery(awaitStatus(late, "published"));
        assertThat(published.path("late").asBoolean()).isTrue();
        CLOCK.reset();
        JsonNode onTime = onlyDelivery(awaitStatus(createNow(facebook, "On time"), "published"));
        assertThat(onTime.path("late").asBoolean()).isFalse();
        assertThat(published()).hasSize(2);
    }

    @Test
    void aPostRestoredFromABackupTakenBeforeItWentOutIsFoundOnThePlatform_notPublishedAgain() {
        CLOCK.reset();
        String postId = createNow(instagram, "Restored special " + UUID.randomUUID());
        JsonNode first = onlyDelivery(awaitStatus(postId, "published"));
        int before = published().size();
        // The database comes back from a backup taken before the post went out: scheduled, without attempts or job.
        UUID deliveryId = UUID.fromString(first.path("id").asString());
        transactions.executeWithoutResult(status -> {
            jdbc.update("delete from post_attempts where delivery_id = ?", deliveryId);
            jdbc.update("update post_deliveries set status = 'scheduled', platform_post_id = null, permalink = null,"
                    + " posted_at = null where id = ?", deliveryId);
            jdbc.update("update posts set status = 'scheduled' where id = ?", UUID.fromString(postId));
        });
        assertThat(api().get(path("/posts/" + postId), key).body().path("status").asString()).isEqualTo("scheduled");
        CLOCK.advance(Duration.ofMinutes(10));
        // What the sweep does with a due delivery that has no job.
        jobs.scheduleIfNotExists(PublishJob.instance(deliveryId, UUID.fromString(tenantId)), Instant.now());

        JsonNode again = onlyDelivery(awaitStatus(postId, "published"));
        assertThat(again.path("platform_post_id").asString()).isEqualTo(first.path("platform_post_id").asString());
        assertThat(again.path("attempts").get(0).path("outcome").asString()).isEqualTo("reconciled");
        assertThat(published()).hasSize(before);
    }

    @Test
    void anExpiredContainerIsMadeAgainAndPublishedOnce_oneInErrorFailsThePostWithASentence_expiringAlwaysIsBounded() {
        armContainers("EXPIRED", 1);
        JsonNode renewed = onlyDelivery(awaitStatus(createNow(instagram, "Expired once"), "published"));
        assertThat(renewed.path("attempts")).hasSize(1);
        assertThat(published()).hasSize(1);

        armContainers("ERROR", 1);
        JsonNode broken = onlyDelivery(awaitStatus(createNow(instagram, "Broken container"), "failed"));
        assertThat(broken.path("failure").path("message").asString())
                .startsWith("Instagram could not prepare the photo");
        assertThat(broken.path("attempts")).hasSize(1);

        armContainers("EXPIRED", Publisher.MAX_CONTAINERS);
        JsonNode expiring = onlyDelivery(awaitStatus(createNow(instagram, "Always expiring"), "failed"));
        assertThat(expiring.path("failure").path("message").asString()).contains("kept expiring");
        assertThat(published()).extracting(p -> p.path("caption").asString()).containsExactly("Expired once");
        assertThat(api().getText("/actuator/prometheus")).containsPattern(
                "forkcast_posts_failed_total\\{[^}]*platform=\"instagram\"[^}]*reason=\"container\"[^}]*} [1-9]");
    }

    private void armContainers(String status, int times) {
        assertThat(api().post("/sandbox/admin/container-outcomes", null, Map.of("status", status, "times", times))
                .status()).isEqualTo(201);
    }

    @Test
    void aFailedDeliveryCanBeRetriedAndOnlyAFailedOne() {
        fault(Map.of("operation", "page/photos", "code", 100, "message", "(#100) Invalid parameter"));
        String id = createNow(facebook, "Second chance");
        String delivery = onlyDelivery(awaitStatus(id, "failed")).path("id").asString();
        ApiClient.Response retried = api().post(path("/posts/" + id + "/deliveries/" + delivery + "/retry"), key, null);
        assertThat(retried.status()).isEqualTo(200);
        awaitStatus(id, "published");
        assertThat(api().post(path("/posts/" + id + "/deliveries/" + delivery + "/retry"), key, null).status())
                .isEqualTo(409);
        assertThat(api().post(path("/posts/" + id + "/deliveries/" + UUID.randomUUID() + "/retry"), key, null)
                .status()).isEqualTo(404);
    }

    @Test
    void aScheduledPostCanBeRescheduledReworded_andCancelledWhichReturnsItsQuotaSlots() {
        Instant at = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        String id = createAt(facebook, at.toString());
        ApiClient.Response changed = api().patch(path("/posts/" + id), key, Map.of("caption", "New words",
                "scheduled_for", at.plus(1, ChronoUnit.HOURS).toString()));
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        assertThat(changed.text("caption")).isEqualTo("New words");
        assertThat(changed.body().path("deliveries").get(0).path("caption").asString()).isEqualTo("New words");
        assertThat(Instant.parse(changed.text("scheduled_for"))).isEqualTo(at.plus(1, ChronoUnit.HOURS));
        ApiClient.Response cancelled = api().delete(path("/posts/" + id), key);
        assertThat(cancelled.body().path("post").path("status").asString()).isEqualTo("cancelled");
        assertThat(cancelled.body().path("already_started")).isEmpty();
        assertThat(api().delete(path("/posts/" + id), key).status()).isEqualTo(409);
        assertThat(api().patch(path("/posts/" + id), key, Map.of("caption", "x")).status()).isEqualTo(409);
        assertThat(published()).isEmpty();
    }

    @Test
    void reschedulingATwoNetworkPostMovesBothDeliveries_orNeitherOnceOneHasStarted() {
        Instant at = Instant.now().plus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
        ApiClient.Response created = api().post(path("/posts"), key, Map.of("targets", targets(facebook, instagram),
                "caption", "Friday's special", "asset_ids", List.of(asset), "scheduled_for", at.toString()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.text("id");
        List<String> deliveries = new ArrayList<>();
        created.body().path("deliveries").forEach(d -> deliveries.add(d.path("id").asString()));

        Instant later = at.plus(90, ChronoUnit.MINUTES);
        ApiClient.Response moved = api().patch(path("/posts/" + id), key, Map.of("scheduled_for", later.toString()));
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
        assertThat(Instant.parse(moved.text("scheduled_for"))).isEqualTo(later);
        assertThat(deliveries).allSatisfy(delivery -> assertThat(jobDue(delivery)).isEqualTo(later));

        // One network went out (its job ran elsewhere, say): now nothing moves, and the answer names it.
        transactions.executeWithoutResult(status -> jdbc.update("update post_deliveries set status = 'publishing' "
                + "where id = ?", UUID.fromString(deliveries.getFirst())));
        ApiClient.Response refused = api().patch(path("/posts/" + id), key, Map.of("scheduled_for",
                later.plus(1, ChronoUnit.HOURS).toString(), "caption", "Changed?"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains(deliveries.getFirst()).contains("publishing");
        JsonNode after = api().get(path("/posts/" + id), key).body();
        assertThat(Instant.parse(after.path("scheduled_for").asString())).isEqualTo(later);
        assertThat(api().patch(path("/posts/" + id), key, Map.of("targets", List.of(Map.of("account_id",
                UUID.randomUUID().toString(), "caption", "x")))).status()).as("not one of the post's accounts")
                .isEqualTo(400);
        assertThat(after.path("caption").asString()).isEqualTo("Friday's special");
        assertThat(jobDue(deliveries.get(1))).isEqualTo(later);
    }

    @Test
    void disconnectingAnAccountHoldsItsScheduledDeliveriesWithASentence_theOtherNetworkStaysScheduled() {
        Instant at = Instant.now().plus(1, ChronoUnit.DAYS);
        ApiClient.Response created = api().post(path("/posts"), key, Map.of("targets", targets(facebook, instagram),
                "caption", "Held", "asset_ids", List.of(asset), "scheduled_for", at.toString()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(api().delete(path("/accounts/" + facebook), key).status()).isIn(200, 204);
        JsonNode held = awaitStatus(created.text("id"), "held");
        assertThat(delivery(held, "facebook").path("status").asString()).isEqualTo("held");
        assertThat(delivery(held, "facebook").path("failure").path("message").asString()).contains("reconnect");
        assertThat(delivery(held, "instagram").path("status").asString()).isEqualTo("scheduled");
    }

    @Test
    void theDaysQuotaIsTenOnBasic_eachDeliveryCounts_theEleventhIsRefusedWith429_aCancelFreesItsSlots() {
        String at = Instant.now().plus(2, ChronoUnit.DAYS).toString();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ApiClient.Response created = api().post(path("/posts"), key, Map.of("targets",
                    targets(facebook, instagram), "caption", "Post " + i, "asset_ids", List.of(asset),
                    "scheduled_for", at));
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            ids.add(created.text("id"));
        }
        ApiClient.Response refused = api().post(path("/posts"), key, Map.of("targets", targets(facebook),
                "caption", "One too many", "asset_ids", List.of(asset), "scheduled_for", at));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.text("detail")).contains("10 posts a day").contains("resets at");
        api().delete(path("/posts/" + ids.getFirst()), key);
        for (int i = 0; i < 2; i++) {
            assertThat(api().post(path("/posts"), key, Map.of("targets", targets(facebook), "caption", "Fits " + i,
                    "asset_ids", List.of(asset), "scheduled_for", at)).status()).isEqualTo(201);
        }
        assertThat(api().post(path("/posts"), key, Map.of("targets", targets(facebook), "caption", "Full again",
                "asset_ids", List.of(asset), "scheduled_for", at)).status()).isEqualTo(429);
    }

    @Test
    void aLocalTimeIsTheTenantsZone_andTheListFiltersByStatusAccountAndDate() {
        ApiClient.Response tenant = api().patch("/api/v1/tenants/" + tenantId, ApiClient.OPERATOR_TOKEN,
                Map.of("timezone", "America/New_York"));
        assertThat(tenant.status()).as(tenant.raw().body()).isEqualTo(200);
        String day = java.time.LocalDate.now(java.time.ZoneId.of("America/New_York")).plusDays(3).toString();
        String id = createAt(instagram, day + "T09:00:00");
        Instant expected = java.time.LocalDateTime.parse(day + "T09:00:00")
                .atZone(java.time.ZoneId.of("America/New_York")).toInstant();
        assertThat(Instant.parse(api().get(path("/posts/" + id), key).text("scheduled_for"))).isEqualTo(expected);
        createAt(facebook, Instant.now().plus(1, ChronoUnit.DAYS).toString());
        JsonNode filtered = api().get(path("/posts?status=scheduled&account_id=" + instagram), key).body();
        assertThat(filtered.path("items")).hasSize(1);
        assertThat(filtered.path("items").get(0).path("id").asString()).isEqualTo(id);
        assertThat(api().get(path("/posts?from=" + expected.minusSeconds(1) + "&to=" + expected.plusSeconds(1))
                .replace("+", "%2B"), key).body().path("items")).hasSize(1);
        assertThat(api().get(path("/posts?limit=1"), key).body().path("next_cursor").isString()).isTrue();
        assertThat(api().get(path("/posts?status=nope"), key).status()).isEqualTo(400);

        // PATCH takes a local time the same way: 18:30 in New York, whatever the offset that day.
        String later = java.time.LocalDate.now(java.time.ZoneId.of("America/New_York")).plusDays(4).toString();
        ApiClient.Response moved = api().patch(path("/posts/" + id), key, Map.of("scheduled_for", later + "T18:30:00"));
        assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
        assertThat(Instant.parse(moved.text("scheduled_for"))).isEqualTo(java.time.LocalDateTime.parse(later
                + "T18:30:00").atZone(java.time.ZoneId.of("America/New_York")).toInstant());
        assertThat(api().patch(path("/posts/" + id), key, Map.of("scheduled_for", "tomorrow at six")).status())
                .isEqualTo(400);
    }

    @Test
    void everyBadInputIsA400NamingWhatIsWrong() {
        String future = Instant.now().plus(1, ChronoUnit.DAYS).toString();
        Map<String, Object> good = new HashMap<>(Map.of("targets", targets(instagram), "caption", "ok",
                "asset_ids", List.of(asset), "scheduled_for", future));
        assertBad(with(good, "targets", List.of()), "targets");
        assertBad(with(good, "targets", targets(UUID.randomUUID().toString())), "targets");
        assertBad(with(good, "targets", targets(instagram, instagram)), "targets");
        assertBad(with(good, "asset_ids", List.of()), "asset_ids");
        assertBad(with(good, "asset_ids", Collections.nCopies(11, asset)), "asset_ids");
        assertBad(with(good, "asset_ids", List.of(UUID.randomUUID().toString())), "asset_ids");
        assertBad(with(good, "caption", "x".repeat(2201)), "caption");
        assertBad(with(good, "caption", "#a ".repeat(31)), "caption");
        assertBad(with(good, "caption", "@chef ".repeat(21)), "caption");
        assertBad(with(good, "scheduled_for", Instant.now().minusSeconds(60).toString()), "scheduled_for");
        assertBad(with(good, "scheduled_for", Instant.now().plus(91, ChronoUnit.DAYS).toString()), "scheduled_for");
        assertBad(with(good, "scheduled_for", "tomorrow at nine"), "scheduled_for");
        Map<String, Object> neither = new HashMap<>(good);
        neither.remove("scheduled_for");
        assertBad(neither, "scheduled_for");
        assertBad(with(good, "publish_now", true), "scheduled_for");
        assertBad(with(good, "surprise", 1), null);
        // Facebook takes long captions and many hashtags.
        assertThat(api().post(path("/posts"), key, with(with(good, "targets", targets(facebook)), "caption",
                "#a ".repeat(31))).status()).isEqualTo(201);
    }

    @Test
    void anAccountNeedingReconnectionCannotBePostedTo() {
        api().delete(path("/accounts/" + facebook), key);
        ApiClient.Response refused = api().post(path("/posts"), key, Map.of("targets", targets(facebook),
                "caption", "x", "asset_ids", List.of(asset), "publish_now", true));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.raw().body()).contains("targets").contains("disconnected");
    }

    @Test
    void anAssetAScheduledPostUsesCannotBeDeleted_oneOnlyPublishedPostsShowedCan() {
        String scheduled = createAt(facebook, Instant.now().plus(1, ChronoUnit.DAYS).toString());
        ApiClient.Response refused = api().delete(path("/assets/" + asset), key);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.text("detail")).contains("scheduled post");

        api().delete(path("/posts/" + scheduled), key);
        String published = createNow(facebook, "Shown once");
        awaitStatus(published, "published");
        assertThat(api().delete(path("/assets/" + asset), key).status()).isIn(200, 204);
        JsonNode after = api().get(path("/posts/" + published), key).body();
        assertThat(after.path("status").asString()).isEqualTo("published");
        assertThat(after.path("asset_ids")).isEmpty();
    }

    @Test
    void anotherTenantsPostIsNotFound_andAKeyOnAnotherTenantsPathIsForbidden() {
        String id = createAt(facebook, Instant.now().plus(1, ChronoUnit.DAYS).toString());
        String delivery = api().get(path("/posts/" + id), key).body().path("deliveries").get(0).path("id").asString();
        String other = api().createTenant("Other " + UUID.randomUUID().toString().substring(0, 8), "basic");
        String otherKey = api().createKey(other, "read", "write");
        String otherPath = "/api/v1/tenants/" + other + "/posts/" + id;
        assertThat(api().get(otherPath, otherKey).status()).isEqualTo(404);
        assertThat(api().patch(otherPath, otherKey, Map.of("caption", "x")).status()).isEqualTo(404);
        assertThat(api().delete(otherPath, otherKey).status()).isEqualTo(404);
        assertThat(api().post(otherPath + "/deliveries/" + delivery + "/retry", otherKey, null).status())
                .isEqualTo(404);
        assertThat(api().get(path("/posts/" + id), otherKey).status()).isEqualTo(403);
        assertThat(api().get(path("/posts"), otherKey).status()).isEqualTo(403);
        assertThat(api().post(path("/posts"), otherKey, Map.of("targets", targets(facebook), "caption", "x",
                "asset_ids", List.of(asset), "publish_now", true)).status()).isEqualTo(403);
        assertThat(api().delete(path("/posts/" + id), otherKey).status()).isEqualTo(403);
        assertThat(api().post(path("/posts/" + id + "/deliveries/" + delivery + "/retry"), otherKey, null).status())
                .isEqualTo(403);
        assertThat(api().patch(path("/posts/" + id), otherKey, Map.of("caption", "x")).status()).isEqualTo(403);
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstResponseByteForByte_anotherBodyIs422_perTenant_forgottenAfterADay() {
        Map<String, Object> body = Map.of("targets", targets(facebook, instagram), "caption", "Once",
                "asset_ids", List.of(asset), "publish_now", true);
        HttpResponse<byte[]> first = postWithKey(body, "key-1");
        assertThat(first.statusCode()).as(new String(first.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        awaitStatus(JSON.readTree(first.body()).path("id").asString(), "published");
        // The post moved on; the replay is still the first answer, exactly.
        HttpResponse<byte[]> again = postWithKey(body, "key-1");
        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(again.body()).isEqualTo(first.body());
        assertThat(again.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/json"));
        assertThat(JSON.readTree(again.body()).path("status").asString()).isEqualTo("scheduled");
        assertThat(api().get(path("/posts"), key).body().path("items")).hasSize(1);
        assertThat(published()).hasSize(2);

        HttpResponse<byte[]> other = postWithKey(Map.of("targets", targets(facebook), "caption", "Other",
                "asset_ids", List.of(asset), "publish_now", true), "key-1");
        assertThat(other.statusCode()).isEqualTo(422);
        assertThat(new String(other.body(), StandardCharsets.UTF_8)).contains("Idempotency-Key");
        assertThat(api().get(path("/posts"), key).body().path("items")).hasSize(1);

        // A request refused for bad input is not remembered: the key can then name a good one.
        HttpResponse<byte[]> bad = postWithKey(Map.of("targets", targets(facebook), "caption", "Bad",
                "asset_ids", List.of(), "publish_now", true), "key-2");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(postWithKey(Map.of("targets", targets(facebook), "caption", "Good",
                "asset_ids", List.of(asset), "scheduled_for", Instant.now().plus(1, ChronoUnit.DAYS).toString()),
                "key-2").statusCode()).isEqualTo(201);

        // Another tenant's key of the same name is its own.
        String otherTenant = api().createTenant("Other " + UUID.randomUUID().toString().substring(0, 8), "basic");
        String otherKey = api().createKey(otherTenant, "read", "write");
        HttpResponse<byte[]> elsewhere = send("/api/v1/tenants/" + otherTenant + "/posts", otherKey,
                Map.of("targets", targets(facebook), "caption", "Once", "asset_ids", List.of(asset),
                        "publish_now", true), "key-1");
        assertThat(elsewhere.statusCode()).as("not this tenant's account, and not a replay").isEqualTo(400);

        // A day later the key is forgotten: it may name a new request.
        CLOCK.advance(Duration.ofHours(25));
        Map<String, Object> later = Map.of("targets", targets(facebook), "caption", "A day later",
                "asset_ids", List.of(asset), "publish_now", true);
        HttpResponse<byte[]> reused = postWithKey(later, "key-1");
        assertThat(reused.statusCode()).as(new String(reused.body(), StandardCharsets.UTF_8)).isEqualTo(201);
        assertThat(reused.body()).isNotEqualTo(first.body());
    }

    @Test
    void theCleanupForgetsKeysOnceTheyAreADayOld() {
        Map<String, Object> body = Map.of("targets", targets(facebook), "caption", "Kept a day",
                "asset_ids", List.of(asset), "scheduled_for", Instant.now().plus(3, ChronoUnit.DAYS).toString());
        assertThat(postWithKey(body, "old-key").statusCode()).isEqualTo(201);
        CLOCK.advance(Duration.ofHours(23));
        idempotencyKeys.forgetExpired();
        assertThat(postWithKey(body, "old-key").statusCode()).isEqualTo(201);
        assertThat(api().get(path("/posts"), key).body().path("items")).as("replayed").hasSize(1);
        CLOCK.advance(Duration.ofHours(2));
        assertThat(idempotencyKeys.forgetExpired()).isGreaterThanOrEqualTo(1);
        assertThat(postWithKey(body, "old-key").statusCode()).isEqualTo(201);
        assertThat(api().get(path("/posts"), key).body().path("items")).as("created anew").hasSize(2);
    }

    @Test
    void theSandboxDownloadsTheImageAndRefusesWhatInstagramRefuses_eachWithASentenceForTheOwner() throws Exception {
        byte[] tooLarge = new byte[(int) 8L * 1024 * 1024 + 1];
        System.arraycopy(jpeg(1080, 1080), 0, tooLarge, 0, 100);
        Map<String, byte[]> files = Map.of("/ok.jpg", jpeg(1080, 1080), "/edge.jpg", jpeg(1440, 754),
                "/image.png", png(1080, 1080), "/tall.jpg", jpeg(400, 1000), "/narrow.jpg", jpeg(300, 300),
                "/huge.jpg", jpeg(1600, 1000), "/big.jpg", tooLarge, "/text.jpg",
                "not an image".getBytes(StandardCharsets.UTF_8));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String name = exchange.getRequestURI().getPath();
            byte[] file = files.get(name.replace("/chunked/", "/"));
            if (file == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                // Chunked (no declared length) for /chunked/...: the size is then found by reading.
                exchange.sendResponseHeaders(200, name.startsWith("/chunked") ? 0 : file.length);
                exchange.getResponseBody().write(file);
            }
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            AccessTokens.PublishingToken ig = token(instagram);
            AccessTokens.PublishingToken page = token(facebook);
            assertThat(graph.createInstagramContainer(INSTAGRAM, ig.accessToken(), base + "/ok.jpg", "Fine", false))
                    .isNotBlank();
            assertThat(graph.createInstagramContainer(INSTAGRAM, ig.accessToken(), base + "/edge.jpg", "Wide", false))
                    .isNotBlank();
            assertThat(graph.createInstagramContainer(INSTAGRAM, ig.accessToken(), base + "/chunked/ok.jpg", "Chunked",
                    false)).isNotBlank();
            record Refusal(String file, int code, int subcode, String ownerSentence) {
            }
            for (Refusal refusal : List.of(new Refusal("/missing.jpg", 9004, 2207052, "could not download the photo"),
                    new Refusal("/image.png", 36001, 2207005, "only JPEG"),
                    new Refusal("/text.jpg", 36001, 2207005, "only JPEG"),
                    new Refusal("/tall.jpg", 36003, 2207009, "between 4:5 (portrait) and 1.91:1"),
                    new Refusal("/narrow.jpg", 36003, 2207009, "320 to 1440 pixels wide"),
                    new Refusal("/huge.jpg", 36003, 2207009, "width 1600"),
                    new Refusal("/big.jpg", 36000, 2207004, "at most 8 MB"),
                    new Refusal("/chunked/big.jpg", 36000, 2207004, "at most 8 MB"),
                    new Refusal("/chunked/tall.jpg", 36003, 2207009, "between 4:5 (portrait) and 1.91:1"))) {
                assertRefused(() -> graph.createInstagramContainer(INSTAGRAM, ig.accessToken(), base + refusal.file(),
                        null, false), refusal.code(), refusal.subcode(), refusal.ownerSentence());
            }
            // A Page photo: any image Facebook reads.
            assertThat(graph.publishPagePhoto(PAGE, page.accessToken(), base + "/image.png", "Png", true).id())
                    .isNotBlank();
            assertRefused(() -> graph.publishPagePhoto(PAGE, page.accessToken(), base + "/missing.jpg", "X", true),
                    324, null, "Facebook could not download the photo");
            assertRefused(() -> graph.publishPagePhoto(PAGE, page.accessToken(), base + "/text.jpg", "X", true),
                    324, null, "Facebook could not download the photo");
        } finally {
            server.stop(0);
        }
        assertThat(published()).hasSize(1);
    }

    private void assertRefused(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, int code, Integer subcode,
            String ownerSentence) {
        GraphError error = org.assertj.core.api.Assertions.catchThrowableOfType(GraphError.class, call);
        assertThat(error).as("refused").isNotNull();
        assertThat(error.code()).isEqualTo(code);
        assertThat(error.subcode()).isEqualTo(subcode);
        assertThat(error.kind()).isEqualTo(GraphError.Kind.INVALID_REQUEST);
        assertThat(OwnerMessages.of(error)).contains(ownerSentence);
    }

    private AccessTokens.PublishingToken token(String accountId) {
        return currentTenant.callAsPlatform("test", () -> tokens.forPublishing(
                new io.forkcast.tenancy.TenantId(UUID.fromString(tenantId)),
                new io.forkcast.accounts.AccountId(UUID.fromString(accountId))));
    }

    private static byte[] png(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    @Test
    void theEngagementSyncRecordsLikesAndCommentsOfPublishedDeliveriesAsASeries() {
        String fb = createNow(facebook, "Like me");
        String ig = createNow(instagram, "Like me too");
        String fbPlatformId = onlyDelivery(awaitStatus(fb, "published")).path("platform_post_id").asString();
        String igPlatformId = onlyDelivery(awaitStatus(ig, "published")).path("platform_post_id").asString();
        assertThat(api().put("/sandbox/admin/published/" + fbPlatformId + "/engagement", null,
                Map.of("likes", 12, "comments", 3, "shares", 2)).status()).isEqualTo(204);
        assertThat(api().put("/sandbox/admin/published/" + igPlatformId + "/engagement", null,
                Map.of("likes", 40, "comments", 5, "shares", 0)).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(20)).until(() -> engagementOf(fb).path("likes").asInt() == 12
                && engagementOf(ig).path("likes").asInt() == 40);
        JsonNode facebookSeries = engagementOf(fb);
        assertThat(facebookSeries.path("comments").asInt()).isEqualTo(3);
        JsonNode last = facebookSeries.path("snapshots").get(facebookSeries.path("snapshots").size() - 1);
        assertThat(last.path("shares").asInt()).isEqualTo(2);
        JsonNode instagramSeries = engagementOf(ig);
        assertThat(instagramSeries.path("comments").asInt()).isEqualTo(5);
        assertThat(instagramSeries.path("snapshots").size()).isGreaterThanOrEqualTo(1);
        String other = api().createTenant("Other " + UUID.randomUUID().toString().substring(0, 8), "basic");
        String otherKey = api().createKey(other, "read");
        assertThat(api().get("/api/v1/tenants/" + other + "/posts/" + fb + "/engagement", otherKey).status())
                .isEqualTo(404);
        assertThat(api().get(path("/posts/" + fb + "/engagement"), otherKey).status()).isEqualTo(403);
    }

    private JsonNode engagementOf(String postId) {
        return api().get(path("/posts/" + postId + "/engagement"), key).body().path("deliveries").get(0);
    }

    private static List<Map<String, Object>> targets(String... accountIds) {
        return PostingFixtures.targets(accountIds);
    }

    private static JsonNode onlyDelivery(JsonNode post) {
        return PostingFixtures.onlyDelivery(post);
    }

    private static JsonNode delivery(JsonNode post, String platform) {
        for (JsonNode delivery : post.path("deliveries")) {
            if (delivery.path("platform").asString().equals(platform)) {
                return delivery;
            }
        }
        throw new AssertionError("No " + platform + " delivery in " + post);
    }

    private Instant jobDue(String deliveryId) {
        return jobs.getScheduledExecution(com.github.kagkarlsson.scheduler.task.TaskInstanceId.of(PublishJob.NAME,
                deliveryId)).orElseThrow().getExecutionTime();
    }

    private HttpResponse<byte[]> postWithKey(Object body, String idempotencyKey) {
        return send(path("/posts"), key, body, idempotencyKey);
    }

    private HttpResponse<byte[]> send(String to, String apiKey, Object body, String idempotencyKey) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + to))
                .header("Authorization", "Bearer " + apiKey).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void assertBad(Map<String, Object> body, String field) {
        ApiClient.Response response = api().post(path("/posts"), key, body);
        assertThat(response.status()).as(body + " -> " + response.raw().body()).isEqualTo(400);
        if (field != null) {
            // Bean Validation names the field as the record does (accountIds), the rules as the wire does.
            assertThat(response.raw().body().replace("_", "").toLowerCase()).contains(field.replace("_", ""));
        }
    }

    private static Map<String, Object> with(Map<String, Object> base, String field, Object value) {
        Map<String, Object> copy = new HashMap<>(base);
        copy.put(field, value);
        return copy;
    }

    private String createNow(String account, String caption) {
        ApiClient.Response created = api().post(path("/posts"), key, Map.of("targets", targets(account),
                "caption", caption, "asset_ids", List.of(asset), "publish_now", true));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }

    private String createAt(String account, String at) {
        ApiClient.Response created = api().post(path("/posts"), key, Map.of("targets", targets(account),
                "caption", "Later", "asset_ids", List.of(asset), "scheduled_for", at));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }

    private JsonNode awaitStatus(String postId, String status) {
        return PostingFixtures.awaitStatus(api(), tenantId, key, postId, status);
    }

    private void fault(Map<String, Object> fault) {
        assertThat(api().post("/sandbox/admin/faults", null, fault).status()).isEqualTo(201);
    }

    private List<JsonNode> published() {
        return PostingFixtures.published(api());
    }

    private String path(String rest) {
        return "/api/v1/tenants/" + tenantId + rest;
    }

    private String upload(byte[] jpeg) {
        String boundary = "----forkcast" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"dish.jpg\""
                + "\r\nContent-Type: image/jpeg\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(jpeg);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path("/assets")))
                .header("Authorization", "Bearer " + key)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
            return JSON.readTree(response.body()).path("id").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static byte[] jpeg(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color((int) (Math.random() * 0xFFFFFF)));
        g.fillRect(0, 0, width, height);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "jpeg", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
