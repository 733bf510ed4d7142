package io.forkcast.captions;

import io.forkcast.tenancy.TenantId;

import java.util.UUID;

/** A menu item's availability or season changed: posts about it may have to wait, or may go out again. */
public record MenuItemAvailabilityChanged(TenantId tenantId, UUID menuItemId) {
}
