package io.forkcast.assets;

import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.UUID;

interface AssetTagRepository extends JpaRepository<AssetTag, AssetTag.Key> {

    @Modifying(flushAutomatically = true, clearAutomatically = false)
    @Query("delete from AssetTag t where t.tenantId = ?1 and t.assetId = ?2")
    void deleteByAsset(UUID tenantId, UUID assetId);

    @Query("select t.tag, count(t) from AssetTag t where t.tenantId = ?1 group by t.tag order by count(t) desc, t.tag")
    List<Object[]> countByTag(UUID tenantId);
}
