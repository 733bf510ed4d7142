package io.forkcast.accounts;

import io.forkcast.shared.Platform;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What other modules and the API see of a connected account: never a token.
 *
 * @param type {@code page} for a Facebook Page, {@code business} for an Instagram professional account
 * @param parentAccountId for an Instagram account, the Page it is linked to
 * @param reason why it needs reconnecting or was disconnected
 * @param tokenExpiresAt when the token Forkcast acts with expires ({@code null}: it does not)
 * @param dataAccessExpiresAt when Meta stops the app's data access unless the owner comes back
 * @param scopes the permissions granted
 * @param lastCheckedAt when the health check last asked Meta about the token
 * @param pictureUrl the Page's picture or the Instagram account's profile picture on Meta's CDN, as last seen
 *                   (at connect or by the daily token check); null when it has none
 */
public record ConnectedAccount(AccountId id, UUID tenantId, Platform platform, String platformUserId, String username,
        String type, UUID parentAccountId, AccountStatus status, String reason, Instant connectedAt,
        Instant tokenExpiresAt, Instant dataAccessExpiresAt, List<String> scopes, Instant lastCheckedAt,
        String pictureUrl) {

    static ConnectedAccount of(SocialAccount account, OAuthToken pageToken) {
        return new ConnectedAccount(account.id(), account.tenantId(), account.platform(), account.platformUserId(),
                account.username(), account.accountType(), account.parentAccountId(), account.status(),
                account.statusReason(), account.connectedAt(),
                pageToken == null ? null : pageToken.expiresAt(),
                pageToken == null ? null : pageToken.dataAccessExpiresAt(),
                pageToken == null ? List.of() : pageToken.scopes(),
                pageToken == null ? null : pageToken.lastCheckedAt(), account.pictureUrl());
    }
}
