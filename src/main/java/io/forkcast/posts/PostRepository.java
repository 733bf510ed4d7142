package io.forkcast.posts;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The posts, each with its deliveries and their attempts. */
interface PostRepository extends JpaRepository<Post, UUID>, JpaSpecificationExecutor<Post> {

    Optional<Post> findByTenantIdAndId(UUID tenantId, UUID id);

    /**
     * The post, its row locked until the transaction ends: every change of a post or its deliveries takes it, so
     * that two deliveries of one post finishing at once on two instances derive the post's status one after the
     * other, and an owner's change waits for a delivery's transition (and the other way round).
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Post p where p.tenantId = :tenantId and p.id = :id")
    Optional<Post> lock(@Param("tenantId") UUID tenantId, @Param("id") UUID id);

    /**
     * Records on a running attempt the container or upload it is about to publish. The attempt's own row only: no
     * other change of the post reads or writes it while its job runs, so the post is neither loaded nor locked. In
     * SQL: Hibernate translates an HQL update anew on every call (its plan cache keeps only selects).
     */
    @Modifying
    @Query(value = "update post_attempts set container_id = :containerId where tenant_id = :tenantId"
            + " and id = :attemptId", nativeQuery = true)
    int recordUpload(@Param("tenantId") UUID tenantId, @Param("attemptId") UUID attemptId,
            @Param("containerId") String containerId);

    /**
     * Scheduled Facebook feed and Instagram deliveries (of every tenant) due in {@code (after, until]} that no
     * preparation took up yet, soonest first: their ids and tenants.
     */
    @Query("select d.id, d.tenantId from Delivery d where d.status = io.forkcast.posts.DeliveryStatus.SCHEDULED"
            + " and d.preparedAt is null and d.dueAt > :after and d.dueAt <= :until"
            + " and (d.platform = io.forkcast.shared.Platform.INSTAGRAM or (d.platform ="
            + " io.forkcast.shared.Platform.FACEBOOK and d.format = io.forkcast.shared.Platform.Format.FEED))"
            + " order by d.dueAt")
    List<Object[]> toPrepare(@Param("after") Instant after, @Param("until") Instant until, Limit limit);

    /** Takes a delivery up for preparing; 0 when another preparation (on any instance) took it first. */
    @Modifying
    @Query(value = "update post_deliveries set prepared_at = :at where id = :deliveryId and prepared_at is null"
            + " and status = 'scheduled'", nativeQuery = true)
    int claimPreparation(@Param("deliveryId") UUID deliveryId, @Param("at") Instant at);

    /**
     * Forgets what was prepared for the post's scheduled deliveries (Instagram's only, unless {@code all}), so that
     * they are prepared again as they are now.
     */
    @Modifying
    @Query(value = "update post_deliveries set prepared_media = null, prepared_for = null, prepared_at = null"
            + " where tenant_id = :tenantId and post_id = :postId and status = 'scheduled'"
            + " and (:all = true or platform = 'instagram')", nativeQuery = true)
    int forgetPreparations(@Param("tenantId") UUID tenantId, @Param("postId") UUID postId, @Param("all") boolean all);

    /**
     * Records what was made ahead of a delivery's time, while it is still scheduled (a delivery that started, was
     * cancelled or held in the meantime keeps none).
     */
    @Modifying
    @Query(value = "update post_deliveries set prepared_media = :media, prepared_for = :preparedFor,"
            + " prepared_at = :at where tenant_id = :tenantId and id = :deliveryId and status = 'scheduled'",
            nativeQuery = true)
    int recordPreparation(@Param("tenantId") UUID tenantId, @Param("deliveryId") UUID deliveryId,
            @Param("media") String media, @Param("preparedFor") String preparedFor, @Param("at") Instant at);

    @Query("select d.post.id from Delivery d where d.tenantId = :tenantId and d.id = :deliveryId")
    Optional<UUID> postOfDelivery(@Param("tenantId") UUID tenantId, @Param("deliveryId") UUID deliveryId);

    @Query("select new io.forkcast.posts.DeliveryOwner(d.post.id, d.accountId) from Delivery d"
            + " where d.tenantId = :tenantId and d.id = :deliveryId")
    Optional<DeliveryOwner> ownerOfDelivery(@Param("tenantId") UUID tenantId, @Param("deliveryId") UUID deliveryId);

    /** Deliveries (of every tenant) that are due and scheduled. */
    @Query("select d from Delivery d where d.status = io.forkcast.posts.DeliveryStatus.SCHEDULED"
            + " and d.dueAt <= :before order by d.dueAt")
    List<Delivery> dueDeliveries(@Param("before") Instant before, Limit limit);

    /** Which of {@code ids} deliveries of the account already hold as their post on the platform. */
    @Query("select d.platformPostId from Delivery d where d.tenantId = :tenantId and d.accountId = :accountId"
            + " and d.platformPostId in :ids")
    List<String> platformPostIdsHeld(@Param("tenantId") UUID tenantId, @Param("accountId") UUID accountId,
            @Param("ids") java.util.Collection<String> ids);

    @Query("select d from Delivery d where d.status = io.forkcast.posts.DeliveryStatus.PUBLISHED"
            + " and d.postedAt >= :since and d.platformPostId is not null order by d.postedAt")
    List<Delivery> publishedSince(@Param("since") Instant since);

    @Query("select d from Delivery d where d.tenantId = :tenantId and d.id = :deliveryId"
            + " and d.status = io.forkcast.posts.DeliveryStatus.PUBLISHED and d.platformPostId is not null")
    Optional<Delivery> publishedDelivery(@Param("tenantId") UUID tenantId, @Param("deliveryId") UUID deliveryId);

    @Query("select d from Delivery d join fetch d.post where d.tenantId = :tenantId"
            + " and d.status = io.forkcast.posts.DeliveryStatus.PUBLISHED and d.postedAt >= :since"
            + " order by d.postedAt desc")
    List<Delivery> recentlyPublished(@Param("tenantId") UUID tenantId, @Param("since") Instant since, Limit limit);

    @Query("select distinct d.post.id from Delivery d where d.tenantId = :tenantId and d.accountId = :accountId"
            + " and d.status = io.forkcast.posts.DeliveryStatus.SCHEDULED")
    List<UUID> withScheduledDeliveriesTo(@Param("tenantId") UUID tenantId, @Param("accountId") UUID accountId);

    @Query("select distinct d.post.id from Delivery d where d.tenantId = :tenantId"
            + " and d.status = io.forkcast.posts.DeliveryStatus.SCHEDULED")
    List<UUID> withScheduledDeliveries(@Param("tenantId") UUID tenantId);

    /** Deliveries to {@code accountIds} still waiting (scheduled or held) and due after {@code after}: the queue's taken times. */
    @Query("select d from Delivery d where d.tenantId = :tenantId and d.accountId in :accountIds"
            + " and d.status in (io.forkcast.posts.DeliveryStatus.SCHEDULED, io.forkcast.posts.DeliveryStatus.HELD)"
            + " and d.dueAt > :after")
    List<Delivery> waitingTo(@Param("tenantId") UUID tenantId, @Param("accountIds") java.util.Collection<UUID> accountIds,
            @Param("after") Instant after);

    /** The tenant's scheduled posts the queue could not move to a posting slot (they carry a note), soonest first. */
    @Query("select p from Post p where p.tenantId = :tenantId and p.queueNote is not null"
            + " and p.status = io.forkcast.posts.PostStatus.SCHEDULED order by p.scheduledFor, p.id")
    List<Post> withQueueNote(@Param("tenantId") UUID tenantId, Limit limit);

    /** The tenant's queued (not pinned) scheduled posts due after {@code after}, in queue order. */
    @Query("select p from Post p where p.tenantId = :tenantId and p.pinned = false"
            + " and p.status = io.forkcast.posts.PostStatus.SCHEDULED and p.scheduledFor > :after"
            + " order by p.scheduledFor, p.id")
    List<Post> queuedAfter(@Param("tenantId") UUID tenantId, @Param("after") Instant after);

    @Query("select distinct d.post.id from Delivery d where d.tenantId = :tenantId and d.post.menuItemId = :itemId"
            + " and d.status = io.forkcast.posts.DeliveryStatus.SCHEDULED")
    List<UUID> withScheduledDeliveriesAbout(@Param("tenantId") UUID tenantId, @Param("itemId") UUID itemId);
}
