package io.forkcast.posts;

import io.forkcast.assets.AssetId;
import io.forkcast.assets.AssetUsage;
import io.forkcast.tenancy.TenantId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** An asset a delivery still has to publish cannot be deleted: refused before anything is removed. */
@Component
class PostAssetUsage implements AssetUsage {

    private final PostMedia media;

    PostAssetUsage(PostMedia media) {
        this.media = media;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean blocksDeletion(TenantId tenantId, AssetId assetId) {
        return media.usedByPendingDelivery(tenantId.value(), assetId.value());
    }

    @Override
    public String reason() {
        return "a scheduled post uses this asset";
    }
}
