package io.forkcast.posts;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.JpaSpecificationExecutor;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface PostRepository extends JpaRepository<Post, UUID>, JpaSpecificationExecutor<Post> {

    Optional<Post> findByTenantIdAndId(UUID tenantId, UUID id);

    List<Post> findByTenantIdAndGroupIdOrderByIdAsc(UUID tenantId, UUID groupId);

    /** Posts (of every tenant) that should be running: scheduled and due, or retrying and stuck. */
    @Query("select p from Post p where p.status = :status and p.scheduledFor <= :before order by p.scheduledFor")
    List<Post> findDue(@Param("status") PostStatus status, @Param("before") Instant before, Limit limit);

    @Query("select p from Post p where p.status = io.forkcast.posts.PostStatus.PUBLISHED and p.postedAt >= :since"
            + " and p.platformPostId is not null order by p.postedAt")
    List<Post> publishedSince(@Param("since") Instant since);

    @Query("select p from Post p where p.tenantId = :tenantId and p.status = io.forkcast.posts.PostStatus.PUBLISHED"
            + " and p.postedAt >= :since order by p.postedAt desc")
    List<Post> recentlyPublished(@Param("tenantId") UUID tenantId, @Param("since") Instant since, Limit limit);
}
