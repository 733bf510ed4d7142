package io.forkcast.tenancy;

/** A tenant and all its rows are gone; modules with data outside the database (stored files) clean up. */
public record TenantDeleted(TenantId tenantId) {
}
