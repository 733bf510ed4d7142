package io.forkcast.tenancy;

import java.time.Instant;

/** A restaurant's account was closed: its keys and sign-ins stop, and everything it owns goes at {@code deleteAfter}. */
public record TenantClosed(TenantId tenantId, String tenantName, Instant closedAt, Instant deleteAfter) {
}
