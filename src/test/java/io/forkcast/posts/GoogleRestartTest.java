package io.forkcast.posts;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.forkcast.accounts.AccessTokens;
import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.GoogleConnectSteps;
import io.forkcast.google.GoogleClient;
import io.forkcast.google.LocalPost;
import io.forkcast.google.NewLocalPost;
import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.forkcast.posts.PostingFixtures.awaitStatus;
import static io.forkcast.posts.PostingFixtures.onlyDelivery;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Google delivery in flight when its instance dies: the instance had recorded its attempt and Google had taken
 * the post, but the instance died before writing down the answer. Played in-process on the job state rather than
 * with a real {@code kill -9} (that is {@code KilledInstanceIT}, for Meta): the test writes what the dead instance
 * left behind, exactly as {@code Publisher} does (a pending attempt, the post at Google), then the surviving
 * scheduler revives the execution. It must find the post at Google and record it, not post it twice.
 */
class GoogleRestartTest extends SandboxedApiTest {

    private static final String PARENT = GoogleConnectSteps.ACCOUNT + "/" + GoogleConnectSteps.LOCATION;

    @Autowired
    PostRepository posts;
    @Autowired
    AccessTokens tokens;
    @Autowired
    GoogleClient google;
    @Autowired
    SchedulerClient jobs;
    @Autowired
    CurrentTenant currentTenant;
    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void aDeliveryWhoseInstanceDiedAfterGoogleTookItIsReconciledNotPostedTwice() throws Exception {
        ApiClient api = api();
        GoogleConnectSteps.ConnectedTenant connected = new GoogleConnectSteps(api).newTenantWithGoogle();
        String tenant = connected.tenant();
        String key = connected.key();
        String location = connected.location();
        String asset = PostingFixtures.upload(port, tenant, key, 2000, 1500);
        // Due in an hour: no job runs it before the test has played the dead instance's part.
        ApiClient.Response created = api.post("/api/v1/tenants/" + tenant + "/posts", key, Map.of(
                "targets", PostingFixtures.targets(location), "caption", "Truffle risotto tonight",
                "asset_ids", List.of(asset), "scheduled_for",
                CLOCK.instant().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        UUID postId = UUID.fromString(created.text("id"));
        UUID deliveryId = UUID.fromString(onlyDelivery(created.body()).path("id").asString());
        TenantId tenantId = new TenantId(UUID.fromString(tenant));
        AccountId accountId = new AccountId(UUID.fromString(location));

        // Instance A: records its attempt (pending), as Publisher.start does, then Google takes the post...
        currentTenant.callAsTenant(tenantId, null, () -> new TransactionTemplate(transactions).execute(status -> {
            Post post = posts.lock(tenantId.value(), postId).orElseThrow();
            post.startAttempt(deliveryId, CLOCK.instant(), false);
            return posts.saveAndFlush(post);
        }));
        AccessTokens.PublishingToken token = currentTenant.callAsTenant(tenantId, null,
                () -> tokens.forPublishing(tenantId, accountId));
        LocalPost atGoogle = google.createLocalPost(token.accessToken(), token.platformUserId(), new NewLocalPost(
                "STANDARD", "en", "Truffle risotto tonight", null, null, null, null, null, null, null, null,
                List.of()));
        // ...and A dies before writing the answer down. The surviving instance's scheduler revives the execution.
        jobs.reschedule(PublishJob.instance(deliveryId, tenantId.value()), Instant.now());

        JsonNode delivery = onlyDelivery(awaitStatus(api, tenant, key, postId.toString(), "published"));
        assertThat(delivery.path("platform_post_id").asString()).isEqualTo(atGoogle.name());
        List<JsonNode> published = new ArrayList<>();
        api.get("/sandbox/google/admin/posts", null).body().path(PARENT).forEach(published::add);
        assertThat(published).hasSize(1);
        assertThat(delivery.toString()).contains("reconciled");
    }
}
