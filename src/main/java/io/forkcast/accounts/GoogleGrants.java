package io.forkcast.accounts;

import io.forkcast.google.GoogleClient;
import io.forkcast.google.GoogleError;
import io.forkcast.google.GoogleTokens;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;
import io.forkcast.vault.Vault;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The Google grants behind connected locations: a current access token for the code that acts for a location
 * (refreshed when it is within {@code forkcast.google.refresh-before} of its expiry), the daily check (a refresh
 * proves the grant alive), {@code invalid_grant} marking every location of the grant {@code needs_reconnect}, and
 * revocation at Google when the last location of a grant is disconnected. Google is called outside any
 * transaction; tokens are opened from the vault and never logged.
 */
@Component
class GoogleGrants {

    private static final Logger log = LoggerFactory.getLogger(GoogleGrants.class);

    /** Metadata keys of a Google location account. */
    static final String ACCOUNT = "google_account";
    static final String GRANT = "grant_id";

    static final String GRANT_LOST = "Google no longer accepts Forkcast's access to this Business Profile (access "
            + "was removed in the Google account, or it expired). Connect Google again to keep posting to it.";

    /** A location's access token and where its posts live. Secret: never log it. */
    record Access(AccountId accountId, String postsParent, String accessToken) {

        @Override
        public String toString() {
            return "Access[accountId=" + accountId + ", postsParent=" + postsParent + "]";
        }
    }

    private record Sealed(SocialAccount account, OAuthToken access, String accessSecret, OAuthToken refresh,
            String refreshSecret) {
    }

    private final SocialAccountRepository accounts;
    private final OAuthTokenRepository tokens;
    private final TokenCheckRepository history;
    private final Vault vault;
    private final GoogleClient google;
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;
    private final Clock clock;

    GoogleGrants(SocialAccountRepository accounts, OAuthTokenRepository tokens, TokenCheckRepository history,
            Vault vault, GoogleClient google, PlatformTransactionManager transactionManager, Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.history = history;
        this.vault = vault;
        this.google = google;
        this.transaction = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.clock = clock;
    }

    /**
     * A usable access token of an active location: the stored one, or a fresh one when it is about to expire. A grant
     * Google no longer accepts marks the grant's locations {@code needs_reconnect} and is a 409 saying so.
     */
    Access access(TenantId tenantId, AccountId accountId) {
        Sealed sealed = open(tenantId, accountId, true);
        String parent = sealed.account().metadata().get(ACCOUNT) + "/" + sealed.account().platformUserId();
        Instant expiresAt = sealed.access() == null ? null : sealed.access().expiresAt();
        if (expiresAt != null && clock.instant().plus(google.refreshBefore()).isBefore(expiresAt)) {
            return new Access(accountId, parent, sealed.accessSecret());
        }
        GoogleTokens fresh;
        try {
            fresh = google.refresh(sealed.refreshSecret());
        } catch (GoogleError e) {
            if (e.kind() == GoogleError.Kind.INVALID_GRANT) {
                grantLost(tenantId, sealed.account(), sealed.refresh(), e);
                throw DomainException.conflict(sealed.account().platform().accountName(sealed.account().username())
                        + " needs reconnecting: " + GRANT_LOST);
            }
            throw e;
        }
        storeAccess(tenantId, accountId, fresh);
        return new Access(accountId, parent, fresh.accessToken());
    }

    /**
     * The health check of a location: a refresh (which proves the grant alive and renews the access token);
     * returns the {@link TokenCheck} outcome and writes its history row.
     */
    String check(TenantId tenantId, AccountId accountId) {
        if (!google.enabled()) {
            return TokenCheck.SKIPPED;
        }
        Sealed sealed = open(tenantId, accountId, false);
        try {
            GoogleTokens fresh = google.refresh(sealed.refreshSecret());
            storeAccess(tenantId, accountId, fresh);
            return record(sealed.refresh(), TokenCheck.REFRESHED, null, null, true);
        } catch (GoogleError e) {
            if (e.kind() == GoogleError.Kind.INVALID_GRANT) {
                grantLost(tenantId, sealed.account(), sealed.refresh(), e);
                return TokenCheck.INVALID;
            }
            return record(sealed.refresh(), TokenCheck.FAILED, e.status() == null ? "no_answer" : e.status(),
                    e.googleMessage(), true);
        }
    }

    /**
     * Called inside a disconnect's transaction: when no other connected location of the tenant shares the grant,
     * the refresh token is revoked at Google once the disconnect has committed. A failed revocation is logged
     * (the token is destroyed here either way; the owner can also remove access in their Google account).
     */
    void revokeAfterCommitIfLast(SocialAccount leaving) {
        Object grant = leaving.metadata().get(GRANT);
        boolean shared = accounts.findByTenantIdAndPlatformOrderByIdAsc(leaving.tenantId(), Platform.GOOGLE_BUSINESS)
                .stream()
                .anyMatch(other -> !other.id().equals(leaving.id()) && other.status() != AccountStatus.DISCONNECTED
                        && Objects.equals(grant, other.metadata().get(GRANT)));
        if (shared) {
            return;
        }
        String refresh = tokens.findByTenantIdAndAccountIdAndTokenType(leaving.tenantId(), leaving.id().value(),
                OAuthToken.REFRESH).map(token -> vault.open(token.sealed(), token.identity())).orElse(null);
        if (refresh == null) {
            return;
        }
        AccountId accountId = leaving.id();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    google.revoke(refresh);
                    log.info("Revoked the Google grant of disconnected account {}", accountId);
                } catch (GoogleError e) {
                    log.warn("Revoking the Google grant of disconnected account {} failed: HTTP {} {}", accountId,
                            e.httpStatus(), e.status());
                }
            }
        });
    }

    private Sealed open(TenantId tenantId, AccountId accountId, boolean activeOnly) {
        return readOnly.execute(status -> {
            SocialAccount account = accounts.findByTenantIdAndId(tenantId.value(), accountId.value())
                    .filter(found -> found.platform() == Platform.GOOGLE_BUSINESS)
                    .orElseThrow(() -> DomainException.notFound("Account"));
            if (account.status() == AccountStatus.DISCONNECTED
                    || (activeOnly && account.status() != AccountStatus.ACTIVE)) {
                throw DomainException.conflict(account.platform().accountName(account.username()) + " is "
                        + account.status().wireName().replace('_', ' ')
                        + (account.statusReason() == null ? "" : ": " + account.statusReason()));
            }
            OAuthToken refresh = tokens.findByTenantIdAndAccountIdAndTokenType(tenantId.value(), accountId.value(),
                    OAuthToken.REFRESH).orElseThrow(() -> DomainException.conflict(
                    "The Google listing has no token: connect Google again."));
            OAuthToken access = tokens.findByTenantIdAndAccountIdAndTokenType(tenantId.value(), accountId.value(),
                    OAuthToken.ACCESS).orElse(null);
            return new Sealed(account, access, access == null ? null : vault.open(access.sealed(), access.identity()),
                    refresh, vault.open(refresh.sealed(), refresh.identity()));
        });
    }

    private void storeAccess(TenantId tenantId, AccountId accountId, GoogleTokens fresh) {
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            OAuthToken access = tokens.findByTenantIdAndAccountIdAndTokenType(tenantId.value(), accountId.value(),
                    OAuthToken.ACCESS).orElseGet(() -> new OAuthToken(tenantId.value(), accountId.value(),
                    OAuthToken.ACCESS, now));
            access.replace(vault.seal(fresh.accessToken(), access.identity()),
                    fresh.expiresIn() == null ? null : now.plus(fresh.expiresIn()), null, fresh.scopes(), now);
            tokens.save(access);
        });
    }

    /** Every location of the grant needs reconnecting, with a reason the owner can act on. */
    private void grantLost(TenantId tenantId, SocialAccount account, OAuthToken refresh, GoogleError e) {
        Object grant = account.metadata().get(GRANT);
        transaction.executeWithoutResult(status -> {
            Instant now = clock.instant();
            List<SocialAccount> ofGrant = accounts.findByTenantIdAndPlatformOrderByIdAsc(tenantId.value(),
                    Platform.GOOGLE_BUSINESS).stream()
                    .filter(other -> other.id().equals(account.id()) || Objects.equals(grant, other.metadata().get(GRANT)))
                    .toList();
            for (SocialAccount lost : ofGrant) {
                lost.needsReconnect(GRANT_LOST, now);
                accounts.save(lost); // publishes AccountAccessLost on the change from active
                tokens.findByTenantIdAndAccountIdAndTokenType(tenantId.value(), lost.id().value(), OAuthToken.REFRESH)
                        .ifPresent(token -> {
                            token.checked(false, null, null, List.of(), now);
                            history.save(new TokenCheck(token, TokenCheck.INVALID, e.status(), e.googleMessage(),
                                    token.expiresAt(), null, now));
                        });
            }
        });
        log.info("Google grant of account {} is gone ({}): its locations need reconnecting", account.id(), e.status());
    }

    private String record(OAuthToken checked, String outcome, String code, String message, boolean valid) {
        transaction.executeWithoutResult(status -> tokens.findById(checked.id()).ifPresent(token -> {
            Instant now = clock.instant();
            token.checked(valid, token.expiresAt(), token.dataAccessExpiresAt(), token.scopes(), now);
            history.save(new TokenCheck(token, outcome, code, message, token.expiresAt(), token.expiresAt(), now));
        }));
        return outcome;
    }
}
