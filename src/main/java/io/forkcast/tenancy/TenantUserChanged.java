package io.forkcast.tenancy;

import java.util.UUID;

/**
 * A user of a tenant was added, changed (role, name) or removed; {@code summary} says what changed in a few words
 * (never a password or a token).
 */
public record TenantUserChanged(TenantId tenantId, UUID userId, String email, Change change, String summary) {

    public enum Change { ADDED, CHANGED, REMOVED }
}
