package io.forkcast.assets;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query names its tenant, except the one the public media route makes after checking a signature. */
interface BrandAssetRepository extends JpaRepository<BrandAsset, UUID> {

    Optional<BrandAsset> findByTenantIdAndId(UUID tenantId, UUID id);

    Optional<BrandAsset> findByTenantIdAndContentSha256(UUID tenantId, String contentSha256);

    List<BrandAsset> findByTenantIdAndFolderIdIn(UUID tenantId, Collection<UUID> folderIds);

    @Query("select a.folderId, count(a) from BrandAsset a where a.tenantId = ?1 and a.folderId is not null "
            + "group by a.folderId")
    List<Object[]> countByFolder(UUID tenantId);

    long countByTenantIdAndFolderIdIsNull(UUID tenantId);
}
