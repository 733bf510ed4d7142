package io.forkcast.assets;

import io.forkcast.tenancy.TenantId;

/**
 * An asset of the library was uploaded, edited (renamed, moved, retagged, described, its cover chosen) or deleted
 * (alone or with its folder; its stored files go once that commits). Heard in the change's transaction.
 *
 * @param filename the asset's name (as it was, for a deleted asset)
 * @param summary  what was edited ("filename, tags"), or null
 */
public record AssetChanged(TenantId tenantId, AssetId assetId, Change change, String filename, String summary) {

    public enum Change { UPLOADED, EDITED, DELETED }
}
