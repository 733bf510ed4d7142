package io.forkcast.tenancy;

import java.time.Instant;

/**
 * A closed account's grace period ended and everything it owned was deleted. Carries the address the restaurant
 * gave (its users are gone with it), for the last notice.
 */
public record ClosedTenantDeleted(TenantId tenantId, String tenantName, String email, Instant deletedAt) {
}
