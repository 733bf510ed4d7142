package io.forkcast.captions;

import io.forkcast.tenancy.TenantId;

import java.util.UUID;

/**
 * A tenant's menu changed: an item was added, changed or removed (heard in the change's transaction by the audit
 * trail, and once it committed by the Google listing's menu sync).
 *
 * @param itemName the item's name as it is now (as it was, for a removed item)
 */
public record MenuChanged(TenantId tenantId, UUID menuItemId, Change change, String itemName) {

    public enum Change { ADDED, CHANGED, REMOVED }
}
