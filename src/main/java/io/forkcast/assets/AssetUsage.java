package io.forkcast.assets;

import io.forkcast.tenancy.TenantId;

/**
 * Lets another module keep an asset from being deleted while it still needs it (a scheduled post that will
 * publish it, say). The assets module asks every bean that implements this before deleting an asset, alone or
 * with its folder; one {@code true} refuses the deletion with 409.
 */
public interface AssetUsage {

    /** Whether this asset must not be deleted now. */
    boolean blocksDeletion(TenantId tenantId, AssetId assetId);

    /** A short sentence for the client saying what uses the asset ("a scheduled post uses this asset"). */
    default String reason() {
        return "it is in use";
    }
}
