package io.forkcast.assets;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import java.io.Serializable;
import java.util.UUID;

/** One tag of one asset: the indexed mirror of {@code brand_assets.tags}, for tag filters and counts. */
@Entity
@Table(name = "brand_asset_tags")
@IdClass(AssetTag.Key.class)
class AssetTag {

    record Key(UUID tenantId, UUID assetId, String tag) implements Serializable {
        Key() {
            this(null, null, null);
        }
    }

    @Id
    private UUID tenantId;

    @Id
    private UUID assetId;

    @Id
    private String tag;

    protected AssetTag() {
    }

    AssetTag(UUID tenantId, UUID assetId, String tag) {
        this.tenantId = tenantId;
        this.assetId = assetId;
        this.tag = tag;
    }
}
