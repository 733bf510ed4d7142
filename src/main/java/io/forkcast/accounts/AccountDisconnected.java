package io.forkcast.accounts;

import io.forkcast.tenancy.TenantId;

/** An account was disconnected: its tokens are gone, its history stays. */
public record AccountDisconnected(TenantId tenantId, AccountId accountId) {
}
