package io.forkcast.listing;

import io.forkcast.accounts.AccountId;

import java.time.Instant;

/**
 * Where a location's food menu stands at Google.
 *
 * @param locationName the listing's name as the owner knows it
 * @param itemCount how many menu items the last successful sync wrote
 * @param error why the last attempt failed, a sentence for the owner; null once a sync succeeded
 * @param requestedAt when the menu last changed (or a sync was asked for)
 * @param attemptedAt when a sync was last tried
 * @param syncedAt when a sync last succeeded
 */
public record MenuSyncState(AccountId accountId, String locationName, Status status, Integer itemCount,
        String error, Instant requestedAt, Instant attemptedAt, Instant syncedAt) {

    /** {@code never}: not synced yet; {@code pending}: a change waits for its sync; then the last outcome. */
    public enum Status {
        NEVER, PENDING, SYNCED, FAILED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
