package io.forkcast.accounts;

import io.forkcast.shared.Platform;
import io.forkcast.tenancy.Actor;
import io.forkcast.tenancy.TenantId;

/**
 * An account was connected, or connected again (new tokens for an account Forkcast knew already).
 *
 * @param connectedBy who started the connect (the OAuth callback that completes it has no caller of its own); null
 *                    when nobody was recorded, and then the caller of the request that completed it, if any
 */
public record AccountConnected(TenantId tenantId, AccountId accountId, Platform platform, String name,
        Actor connectedBy) {
}
