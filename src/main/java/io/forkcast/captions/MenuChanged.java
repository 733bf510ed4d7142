package io.forkcast.captions;

import io.forkcast.tenancy.TenantId;

/** A tenant's menu changed: an item was added, changed or removed (published when that commits). */
public record MenuChanged(TenantId tenantId) {
}
