package io.forkcast.accounts;

import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;

/**
 * Forkcast lost its access to an account (a dead token, a permission removed on Facebook): it went from active to
 * needs-reconnect. {@code name} is the account's name on the network (may be null); {@code reason} is a sentence
 * for the owner that says what to do.
 */
public record AccountAccessLost(TenantId tenantId, AccountId accountId, Platform platform, String name,
        String reason) {
}
