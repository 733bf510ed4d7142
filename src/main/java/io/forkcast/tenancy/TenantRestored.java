package io.forkcast.tenancy;

/** The operator restored a closed account within its grace period: it works again as before. */
public record TenantRestored(TenantId tenantId, String tenantName) {
}
