package io.forkcast.assets;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import io.forkcast.shared.jpa.InsertedOnce;

import java.io.Serializable;
import java.util.UUID;

/** One tag of one asset: the indexed mirror of {@code brand_assets.tags}, for tag filters and counts. */
@Entity
@Table(name = "brand_asset_tags")
@IdClass(AssetTag.Key.class)
class AssetTag extends InsertedOnce<AssetTag.Key> {

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

    /** A tag is only ever inserted or deleted: new until inserted. */
    AssetTag(UUID tenantId, UUID assetId, String tag) {
        super(true);
        this.tenantId = tenantId;
        this.assetId = assetId;
        this.tag = tag;
    }

    @Override
    public Key getId() {
        return new Key(tenantId, assetId, tag);
    }
}
