package io.forkcast.posts;

import io.forkcast.shared.DomainException;
import io.forkcast.shared.Platform;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The post aggregate's state machine, without a database: each delivery's moves and the post's derived status. */
class PostTest {

    private static final Instant NOW = Instant.parse("2026-05-29T10:00:00Z");
    private static final Instant AT = Instant.parse("2026-05-29T18:00:00Z");
    private final UUID facebookAccount = UUID.randomUUID();
    private final UUID instagramAccount = UUID.randomUUID();

    private Post twoNetworkPost() {
        return new Post(UUID.randomUUID(), "Friday's special", AT, LocalDate.of(2026, 5, 29), List.of(
                new Post.Target(facebookAccount, Platform.FACEBOOK, null),
                new Post.Target(instagramAccount, Platform.INSTAGRAM, "Friday! #special")), NOW);
    }

    private static UUID delivery(Post post, Platform platform) {
        return post.deliveries().stream().filter(d -> d.platform() == platform).findFirst().orElseThrow().id();
    }

    private static PublishOutcome.Failure failure(PublishOutcome.FailureKind kind) {
        return new PublishOutcome.Failure("100", "Facebook refused the post", kind);
    }

    @Test
    void aNewPostIsScheduledWithOneDeliveryPerNetwork_eachWithItsCaption() {
        Post post = twoNetworkPost();
        assertThat(post.status()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(post.deliveries()).extracting(Delivery::status).containsOnly(DeliveryStatus.SCHEDULED);
        assertThat(post.deliveries()).extracting(Delivery::caption)
                .containsExactly("Friday's special", "Friday! #special");
        assertThat(post.deliveries()).extracting(Delivery::dueAt).containsOnly(AT);
        assertThat(post.quotaSlots()).isEqualTo(2);
    }

    @Test
    void publishingBothNetworksPublishesThePost_andRaisesOneEventPerDeliveryAndOneForThePost() {
        Post post = twoNetworkPost();
        UUID facebook = delivery(post, Platform.FACEBOOK);
        UUID instagram = delivery(post, Platform.INSTAGRAM);
        Attempt first = post.startAttempt(facebook, AT, false);
        assertThat(post.status()).isEqualTo(PostStatus.PUBLISHING);
        post.finish(facebook, first.id(), new PublishOutcome.Published("fb_1", "https://fb/1", AT.plusSeconds(2)),
                AT.plusSeconds(2));
        assertThat(post.status()).as("instagram still scheduled").isEqualTo(PostStatus.SCHEDULED);
        Attempt second = post.startAttempt(instagram, AT, false);
        post.finish(instagram, second.id(), new PublishOutcome.Reconciled("ig_1", null, AT.plusSeconds(5)),
                AT.plusSeconds(5));
        assertThat(post.status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(post.delivery(instagram).attempts()).extracting(Attempt::outcome)
                .containsExactly(AttemptOutcome.RECONCILED);
        assertThat(post.events()).hasSize(3).last().isEqualTo(new PostPublished(new io.forkcast.tenancy.TenantId(
                post.tenantId()), new PostId(post.id()), true));
        post.clearEvents();
        assertThat(post.events()).isEmpty();
    }

    @Test
    void oneFailedAndOnePublishedIsPartiallyPublished_theFailedOneCanBeRetriedAndNotThePublishedOne() {
        Post post = twoNetworkPost();
        UUID facebook = delivery(post, Platform.FACEBOOK);
        UUID instagram = delivery(post, Platform.INSTAGRAM);
        post.finish(facebook, post.startAttempt(facebook, AT, false).id(),
                new PublishOutcome.Failed(failure(PublishOutcome.FailureKind.INVALID_REQUEST)), AT);
        post.finish(instagram, post.startAttempt(instagram, AT, false).id(),
                new PublishOutcome.Published("ig_1", null, AT), AT);
        assertThat(post.status()).isEqualTo(PostStatus.PARTIALLY_PUBLISHED);
        assertThat(post.events()).hasAtLeastOneElementOfType(DeliveryFailed.class);
        assertThatThrownBy(() -> post.retry(instagram, AT, AT)).isInstanceOf(DomainException.class)
                .hasMessageContaining("Instagram");
        post.retry(facebook, AT.plusSeconds(60), AT.plusSeconds(60));
        assertThat(post.delivery(facebook).status()).isEqualTo(DeliveryStatus.SCHEDULED);
        assertThat(post.delivery(facebook).dueAt()).isEqualTo(AT.plusSeconds(60));
        assertThat(post.delivery(facebook).errorCode()).isNull();
        assertThat(post.status()).isEqualTo(PostStatus.SCHEDULED);
    }

    @Test
    void aTransientFailureRetries_andAnInterruptedAttemptMayBeTakenUpAgain() {
        Post post = twoNetworkPost();
        UUID facebook = delivery(post, Platform.FACEBOOK);
        Attempt first = post.startAttempt(facebook, AT, false);
        post.finish(facebook, first.id(), new PublishOutcome.WillRetry(failure(PublishOutcome.FailureKind.TRANSIENT),
                AT.plusSeconds(30)), AT);
        assertThat(post.delivery(facebook).status()).isEqualTo(DeliveryStatus.RETRYING);
        assertThat(post.status()).isEqualTo(PostStatus.PUBLISHING);
        Attempt second = post.startAttempt(facebook, AT.plusSeconds(30), false);
        // A crash: the attempt never finished; the job runs the delivery again.
        Attempt third = post.startAttempt(facebook, AT.plusSeconds(90), false);
        assertThat(List.of(first.number(), second.number(), third.number())).containsExactly(1, 2, 3);
        assertThat(second.outcome().unknown()).isTrue();
        assertThatThrownBy(() -> post.finish(facebook, first.id(), new PublishOutcome.Published("x", null, AT), AT))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void illegalMovesAreRefused() {
        Post post = twoNetworkPost();
        UUID facebook = delivery(post, Platform.FACEBOOK);
        assertThatThrownBy(() -> post.finish(facebook, UUID.randomUUID(), new PublishOutcome.Published("x", null, AT),
                AT)).as("no attempt running").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> post.retry(facebook, AT, AT)).as("scheduled, not failed")
                .isInstanceOf(DomainException.class);
        post.finish(facebook, post.startAttempt(facebook, AT, false).id(),
                new PublishOutcome.Published("fb", null, AT), AT);
        assertThatThrownBy(() -> post.startAttempt(facebook, AT, false)).as("published once")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> post.hold(facebook, "late", AT)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> post.delivery(UUID.randomUUID())).isInstanceOf(DomainException.class);
    }

    @Test
    void aRescheduleMovesEveryDelivery_orNoneOnceOneHasStarted_namingIt() {
        Post post = twoNetworkPost();
        Instant later = AT.plusSeconds(5400);
        post.reschedule(later, LocalDate.of(2026, 5, 29), NOW);
        assertThat(post.scheduledFor()).isEqualTo(later);
        assertThat(post.deliveries()).extracting(Delivery::dueAt).containsOnly(later);

        UUID instagram = delivery(post, Platform.INSTAGRAM);
        post.startAttempt(instagram, later, false);
        assertThatThrownBy(() -> post.reschedule(later.plusSeconds(3600), LocalDate.of(2026, 5, 29), NOW))
                .isInstanceOf(DomainException.class).hasMessageContaining(instagram.toString())
                .hasMessageContaining("publishing");
        assertThatThrownBy(() -> post.edit("New words", Map.of(), NOW)).isInstanceOf(DomainException.class);
        assertThat(post.scheduledFor()).isEqualTo(later);
        assertThat(post.deliveries()).extracting(Delivery::dueAt).containsOnly(later);
        assertThat(post.caption()).isEqualTo("Friday's special");
    }

    @Test
    void anEditChangesTheCaptionEverywhere_exceptWhereANetworkHasItsOwn_whichNullClears() {
        Post post = twoNetworkPost();
        post.edit("Saturday's special", Map.of(), NOW);
        assertThat(post.deliveries()).extracting(Delivery::caption)
                .containsExactly("Saturday's special", "Friday! #special");
        java.util.Map<UUID, String> clear = new java.util.HashMap<>();
        clear.put(instagramAccount, null);
        post.edit(null, clear, NOW);
        assertThat(post.deliveries()).extracting(Delivery::caption).containsOnly("Saturday's special");
    }

    @Test
    void aCancelStopsWhatHasNotStarted_saysWhatHad_andIsRefusedWhenNothingIsLeft() {
        Post post = twoNetworkPost();
        UUID facebook = delivery(post, Platform.FACEBOOK);
        post.finish(facebook, post.startAttempt(facebook, AT, false).id(),
                new PublishOutcome.Published("fb", null, AT), AT);
        List<Delivery> started = post.cancel(AT);
        assertThat(started).extracting(Delivery::id).containsExactly(facebook);
        assertThat(post.delivery(delivery(post, Platform.INSTAGRAM)).status()).isEqualTo(DeliveryStatus.CANCELLED);
        assertThat(post.status()).isEqualTo(PostStatus.PUBLISHED);
        assertThat(post.quotaSlots()).isEqualTo(1);
        assertThatThrownBy(() -> post.cancel(AT)).isInstanceOf(DomainException.class);
    }

    @Test
    void aDisconnectedAccountHoldsOnlyItsScheduledDeliveries_whichTheOwnerCanPublishOrCancel() {
        Post post = twoNetworkPost();
        assertThat(post.holdScheduledTo(facebookAccount, "Reconnect it", NOW)).isOne();
        assertThat(post.status()).isEqualTo(PostStatus.HELD);
        UUID facebook = delivery(post, Platform.FACEBOOK);
        assertThat(post.delivery(facebook).errorMessage()).isEqualTo("Reconnect it");
        assertThat(post.delivery(delivery(post, Platform.INSTAGRAM)).status()).isEqualTo(DeliveryStatus.SCHEDULED);
        post.retry(facebook, NOW, NOW);
        assertThat(post.status()).isEqualTo(PostStatus.SCHEDULED);
    }

    @Test
    void thePostsStatusIsDerivedFromItsDeliveries() {
        assertThat(PostStatus.of(List.of(DeliveryStatus.SCHEDULED, DeliveryStatus.RETRYING)))
                .isEqualTo(PostStatus.PUBLISHING);
        assertThat(PostStatus.of(List.of(DeliveryStatus.HELD, DeliveryStatus.SCHEDULED))).isEqualTo(PostStatus.HELD);
        assertThat(PostStatus.of(List.of(DeliveryStatus.PUBLISHED, DeliveryStatus.CANCELLED)))
                .isEqualTo(PostStatus.PUBLISHED);
        assertThat(PostStatus.of(List.of(DeliveryStatus.FAILED, DeliveryStatus.CANCELLED)))
                .isEqualTo(PostStatus.FAILED);
        assertThat(PostStatus.of(List.of(DeliveryStatus.FAILED, DeliveryStatus.PUBLISHED)))
                .isEqualTo(PostStatus.PARTIALLY_PUBLISHED);
        assertThat(PostStatus.of(List.of(DeliveryStatus.CANCELLED, DeliveryStatus.CANCELLED)))
                .isEqualTo(PostStatus.CANCELLED);
        assertThat(PostStatus.of(List.of(DeliveryStatus.PUBLISHED, DeliveryStatus.SCHEDULED)))
                .isEqualTo(PostStatus.SCHEDULED);
    }

    @Test
    void aDeliveryWhoseNetworkIsOffIsHeld_anInterruptedAttemptStaysUnknownAndIsLookedForWhenPublishedAgain() {
        Post post = twoNetworkPost();
        UUID facebook = delivery(post, Platform.FACEBOOK);
        UUID instagram = delivery(post, Platform.INSTAGRAM);
        post.holdWhileNetworkOff(facebook, "Switched off.", "google_off", AT);
        post.startAttempt(instagram, AT, false);
        post.holdWhileNetworkOff(instagram, "Switched off.", "google_off", AT.plusSeconds(60));

        assertThat(post.status()).isEqualTo(PostStatus.HELD);
        assertThat(post.deliveries()).extracting(Delivery::status).containsOnly(DeliveryStatus.HELD);
        assertThat(post.delivery(instagram).errorCode()).isEqualTo("google_off");
        assertThat(post.delivery(instagram).lastAttempt().orElseThrow().outcome().unknown()).isTrue();
        post.retry(instagram, AT.plusSeconds(120), AT.plusSeconds(120));
        assertThat(post.delivery(instagram).status()).isEqualTo(DeliveryStatus.SCHEDULED);
        assertThat(post.delivery(instagram).errorCode()).isNull();
        assertThatThrownBy(() -> post.holdWhileNetworkOff(facebook, "Again.", "google_off", AT))
                .as("a held delivery is not due").isInstanceOf(IllegalStateException.class);
    }
}
