package io.forkcast.assets;

import org.springframework.data.domain.Limit;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface BrandFolderRepository extends JpaRepository<BrandFolder, UUID> {

    Optional<BrandFolder> findByTenantIdAndId(UUID tenantId, UUID id);

    boolean existsByTenantIdAndPath(UUID tenantId, String path);

    List<BrandFolder> findByTenantIdOrderByPathAsc(UUID tenantId);

    List<BrandFolder> findByTenantIdOrderByIdAsc(UUID tenantId, Limit limit);

    List<BrandFolder> findByTenantIdAndIdGreaterThanOrderByIdAsc(UUID tenantId, UUID after, Limit limit);

    /** The folder and every folder below it (its path, or a path under it). */
    @Query("select f from BrandFolder f where f.tenantId = ?1 and (f.path = ?2 or f.path like ?3 escape '\\')")
    List<BrandFolder> findSubtree(UUID tenantId, String path, String likeBelow);

    /** Locks every folder of a tenant (in id order, so two lockers never deadlock) for a change to the tree. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select f from BrandFolder f where f.tenantId = ?1 order by f.id")
    List<BrandFolder> lockAll(UUID tenantId);

    boolean existsByTenantIdAndParentId(UUID tenantId, UUID parentId);

    /** Rewrites the path prefix of every folder strictly below {@code oldPath}. */
    @Modifying(flushAutomatically = true, clearAutomatically = true)
    @Query("update BrandFolder f set f.path = concat(?3, substring(f.path, ?4)) "
            + "where f.tenantId = ?1 and f.path like ?2 escape '\\'")
    int rewriteDescendantPaths(UUID tenantId, String likeBelowOld, String newPath, int suffixStart);
}
