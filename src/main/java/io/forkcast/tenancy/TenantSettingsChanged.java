package io.forkcast.tenancy;

/**
 * A tenant's settings changed (name, e-mail address, plan, time zone, metadata); {@code summary} lists the fields
 * that changed, with the new value of the short ones.
 */
public record TenantSettingsChanged(TenantId tenantId, String summary) {
}
