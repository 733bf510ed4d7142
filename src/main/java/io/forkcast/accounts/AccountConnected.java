package io.forkcast.accounts;

import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;

/** An account was connected, or connected again (new tokens for an account Forkcast knew already). */
public record AccountConnected(TenantId tenantId, AccountId accountId, Platform platform, String name) {
}
