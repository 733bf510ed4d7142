package io.forkcast.posts;

import io.forkcast.assets.AssetId;
import io.forkcast.assets.AssetUsage;
import io.forkcast.tenancy.TenantId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** An asset a post still has to publish cannot be deleted. */
@Component
class PostAssetUsage implements AssetUsage {

    private final PostStore store;

    PostAssetUsage(PostStore store) {
        this.store = store;
    }

    @Override
    @Transactional(readOnly = true)
    public boolean blocksDeletion(TenantId tenantId, AssetId assetId) {
        return store.usedByPendingPost(tenantId.value(), assetId.value());
    }

    @Override
    public String reason() {
        return "a scheduled post uses this asset";
    }
}
