package io.forkcast.assets;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.springframework.data.domain.Persistable;

import java.io.Serializable;
import java.util.UUID;

/** One tag of one asset: the indexed mirror of {@code brand_assets.tags}, for tag filters and counts. */
@Entity
@Table(name = "brand_asset_tags")
@IdClass(AssetTag.Key.class)
class AssetTag implements Persistable<AssetTag.Key> {

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

    /** A tag is only ever inserted or deleted: new unless loaded (else Spring Data merges, a SELECT per tag). */
    @Transient
    private boolean unsaved;

    protected AssetTag() {
    }

    AssetTag(UUID tenantId, UUID assetId, String tag) {
        this.tenantId = tenantId;
        this.assetId = assetId;
        this.tag = tag;
        this.unsaved = true;
    }

    @PostPersist
    void inserted() {
        unsaved = false;
    }

    @Override
    public Key getId() {
        return new Key(tenantId, assetId, tag);
    }

    @Override
    public boolean isNew() {
        return unsaved;
    }
}
