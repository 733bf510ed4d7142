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

/** The post's approval stage: what waits, what it may move to, and what it refuses. */
class PostApprovalTest {

    private static final Instant NOW = Instant.parse("2026-05-29T10:00:00Z");
    private static final Instant AT = Instant.parse("2026-05-29T18:00:00Z");

    private static Post waitingPost() {
        Post post = new Post(UUID.randomUUID(), "Friday's special", AT, LocalDate.of(2026, 5, 29), List.of(
                new Post.Target(UUID.randomUUID(), Platform.FACEBOOK, null),
                new Post.Target(UUID.randomUUID(), Platform.INSTAGRAM, null)), NOW);
        post.awaitApproval(NOW);
        return post;
    }

    @Test
    void aWaitingPostHoldsEveryDeliveryForApproval_andCannotBePushedOutByHand() {
        Post post = waitingPost();
        assertThat(post.status()).isEqualTo(PostStatus.PENDING_APPROVAL);
        assertThat(post.approval()).isEqualTo(ApprovalStage.PENDING_APPROVAL);
        assertThat(post.deliveries()).allMatch(Delivery::heldForApproval);
        UUID delivery = post.deliveries().getFirst().id();
        assertThatThrownBy(() -> post.retry(delivery, NOW, NOW)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> post.awaitApproval(NOW)).isInstanceOf(DomainException.class);
    }

    @Test
    void movingOrEditingAWaitingPostKeepsItWaiting() {
        Post post = waitingPost();
        Instant later = AT.plusSeconds(3600);
        post.reschedule(later, LocalDate.of(2026, 5, 29), NOW);
        post.edit("Saturday's special", Map.of(), NOW);
        assertThat(post.status()).isEqualTo(PostStatus.PENDING_APPROVAL);
        assertThat(post.deliveries()).allMatch(Delivery::heldForApproval);
        assertThat(post.deliveries()).extracting(Delivery::dueAt).containsOnly(later);
    }

    @Test
    void approvalPutsTheDeliveriesOnTheScheduleAtTheGivenTime() {
        Post post = waitingPost();
        Instant at = AT.plusSeconds(600);
        post.approve(at, LocalDate.of(2026, 5, 29), NOW);
        assertThat(post.status()).isEqualTo(PostStatus.SCHEDULED);
        assertThat(post.approval()).isEqualTo(ApprovalStage.APPROVED);
        assertThat(post.scheduledFor()).isEqualTo(at);
        assertThat(post.deliveries()).extracting(Delivery::status).containsOnly(DeliveryStatus.SCHEDULED);
        assertThat(post.deliveries()).extracting(Delivery::dueAt).containsOnly(at);
        assertThatThrownBy(() -> post.approve(at, LocalDate.of(2026, 5, 29), NOW))
                .isInstanceOf(DomainException.class);
    }

    @Test
    void aDraftIsNeitherApprovedNorRejected_untilSubmittedAgain() {
        Post post = waitingPost();
        post.returnToDraft(NOW);
        assertThat(post.status()).isEqualTo(PostStatus.DRAFT);
        assertThat(post.deliveries()).allMatch(Delivery::heldForApproval);
        assertThatThrownBy(() -> post.approve(AT, LocalDate.of(2026, 5, 29), NOW)).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> post.reject(NOW)).isInstanceOf(DomainException.class);
        post.awaitApproval(NOW);
        post.reject(NOW);
        assertThat(post.status()).isEqualTo(PostStatus.CANCELLED);
        assertThat(post.approval()).isEqualTo(ApprovalStage.REJECTED);
        assertThat(post.quotaSlots()).isZero();
    }

    @Test
    void aWaitingPostCancelledByHandIsCancelled_andNoLongerWaits() {
        Post post = waitingPost();
        post.cancel(NOW);
        assertThat(post.status()).isEqualTo(PostStatus.CANCELLED);
        assertThat(post.approval()).isEqualTo(ApprovalStage.NONE);
        assertThatThrownBy(() -> post.approve(AT, LocalDate.of(2026, 5, 29), NOW)).isInstanceOf(DomainException.class);
    }
}
