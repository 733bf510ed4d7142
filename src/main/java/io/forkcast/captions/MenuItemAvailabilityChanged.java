package io.forkcast.captions;

import io.forkcast.tenancy.TenantId;

import java.util.UUID;

/**
 * A menu item's availability or season changed: posts about it may have to wait, or may go out again.
 *
 * @param summary the new availability in a few words ("sold out", "in season from 2026-06-01")
 */
public record MenuItemAvailabilityChanged(TenantId tenantId, UUID menuItemId, String itemName, String summary) {
}
