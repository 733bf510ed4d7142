package io.forkcast.assets;

import io.forkcast.tenancy.TenantId;

/** An asset and its stored files are gone (deleted alone or with its folder). */
public record AssetDeleted(TenantId tenantId, AssetId assetId) {
}
