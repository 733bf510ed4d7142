package io.forkcast.posts;

import io.forkcast.accounts.AccountDisconnected;
import io.forkcast.accounts.AccountId;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The posts module with the modules it depends on (no web, no sandbox): its event flows through the JDBC event
 * publication registry.
 */
@ApplicationModuleTest(mode = ApplicationModuleTest.BootstrapMode.ALL_DEPENDENCIES)
@ActiveProfiles("test")
// The readiness group names the quota module's health, which this slice leaves out.
@TestPropertySource(properties = "management.endpoint.health.validate-group-membership=false")
class PostsModuleTest {

    @Autowired
    private PostRepository posts;
    @Autowired
    private JdbcTemplate jdbc;
    @Autowired
    private PlatformTransactionManager transactions;
    @Autowired
    private EventSerializer serializer;

    private UUID tenant;
    private UUID page;
    private UUID instagram;

    @BeforeEach
    void tenantWithTwoAccounts() {
        tenant = UUID.randomUUID();
        page = UUID.randomUUID();
        instagram = UUID.randomUUID();
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            jdbc.update("insert into tenants (id, name, email, plan, timezone, tenant_metadata, created_at, updated_at) "
                    + "values (?, ?, 'owner@example.com', 'basic', 'UTC', '{}', now(), now())", tenant,
                    "Module " + tenant);
            for (UUID account : List.of(page, instagram)) {
                jdbc.update("insert into social_accounts (id, tenant_id, platform, platform_user_id, account_type, "
                        + "account_metadata, connected_at, created_at, updated_at) values (?, ?, ?, ?, 'page', '{}', "
                        + "now(), now(), now())", account, tenant, account == page ? "facebook" : "instagram",
                        account.toString());
            }
        });
    }

    private Post scheduledPost() {
        Instant at = Instant.now().plus(1, ChronoUnit.DAYS);
        return new TransactionTemplate(transactions).execute(status -> posts.saveAndFlush(new Post(tenant,
                "Friday's special", at, LocalDate.now(), List.of(new Post.Target(page, Platform.FACEBOOK, null),
                new Post.Target(instagram, Platform.INSTAGRAM, null)), Instant.now())));
    }

    private String statusOf(UUID deliveryId) {
        return jdbc.queryForObject("select status from post_deliveries where id = ?", String.class, deliveryId);
    }

    @Test
    void aDisconnectedAccountHoldsItsScheduledDeliveries_andOnlyThose(Scenario scenario) {
        Post post = scheduledPost();
        UUID toPage = post.deliveries().getFirst().id();
        UUID toInstagram = post.deliveries().getLast().id();
        scenario.publish(new AccountDisconnected(new TenantId(tenant), new AccountId(page)))
                .andWaitForStateChange(() -> statusOf(toPage), "held"::equals)
                .andVerify(status -> {
                    assertThat(statusOf(toInstagram)).isEqualTo("scheduled");
                    assertThat(jdbc.queryForObject("select status from posts where id = ?", String.class, post.id()))
                            .isEqualTo("held");
                });
    }

    @Test
    void aDeliveryGoingOutPublishesItsEvents_theLastOneThePostsToo(Scenario scenario) {
        Post post = scheduledPost();
        TransactionTemplate tx = new TransactionTemplate(transactions);
        scenario.stimulate(() -> tx.executeWithoutResult(status -> {
                    Post locked = posts.lock(tenant, post.id()).orElseThrow();
                    for (Delivery delivery : locked.deliveries()) {
                        Attempt attempt = locked.startAttempt(delivery.id(), Instant.now(), false);
                        locked.finish(delivery.id(), attempt.id(), new PublishOutcome.Published("id-" + delivery.id(),
                                null, Instant.now()), Instant.now());
                    }
                    posts.saveAndFlush(locked);
                }))
                .andWaitForEventOfType(PostPublished.class)
                .matching(published -> published.postId().value().equals(post.id()))
                .toArriveAndVerify(published -> assertThat(published.complete()).isTrue());
    }

    @Test
    void theEventsReadBackAsTheyWereWritten_soThatARestartCanRepublishThem() {
        TenantId tenantId = new TenantId(tenant);
        for (Object event : List.of(new AccountDisconnected(tenantId, new AccountId(page)),
                new DeliveryPublished(tenantId, new PostId(UUID.randomUUID()), UUID.randomUUID(), page,
                        Platform.INSTAGRAM, "17900000000000001", Duration.ofSeconds(3)),
                new DeliveryFailed(tenantId, new PostId(UUID.randomUUID()), UUID.randomUUID(), page,
                        Platform.FACEBOOK, "auth_invalid", UUID.randomUUID()),
                new PostPublished(tenantId, new PostId(UUID.randomUUID()), false),
                new PostFailed(tenantId, new PostId(UUID.randomUUID()), UUID.randomUUID()))) {
            assertThat(serializer.deserialize(serializer.serialize(event), event.getClass())).isEqualTo(event);
        }
    }
}
