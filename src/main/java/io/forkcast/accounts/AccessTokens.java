package io.forkcast.accounts;

import io.forkcast.shared.Platform;
import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.TenantId;
import io.forkcast.vault.Vault;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Optional;

/** Opens an account's token for the code that acts for it (publishing), and for nothing else. */
@Service
public class AccessTokens {

    /**
     * The token to publish with. {@code platformUserId} is what to call the network on: the Page id or the Instagram
     * user id for Graph, the location's {@code accounts/{a}/locations/{l}} for Google. The token is secret: never
     * log it, never return it.
     */
    public record PublishingToken(AccountId accountId, Platform platform, String platformUserId, String accessToken) {

        @Override
        public String toString() {
            return "PublishingToken[accountId=" + accountId + ", platform=" + platform + "]";
        }
    }

    private final SocialAccountRepository accounts;
    private final OAuthTokenRepository tokens;
    private final Vault vault;
    private final GoogleGrants google;
    private final TransactionTemplate readOnly;

    AccessTokens(SocialAccountRepository accounts, OAuthTokenRepository tokens, Vault vault, GoogleGrants google,
            PlatformTransactionManager transactions) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.vault = vault;
        this.google = google;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * The token of an active account: a Page token for Meta; for a Google location a current access token, refreshed
     * at Google first when it is about to expire (so this may call Google, and is not to be called inside a
     * read-only transaction). An unknown account is a 404; one that needs reconnecting or was disconnected is a 409
     * saying so.
     */
    public PublishingToken forPublishing(TenantId tenantId, AccountId accountId) {
        // One read transaction for a Meta account (the account and its token), the common case of every publish and
        // engagement sync; a Google account reads its grant on its own, which may refresh it over HTTP.
        Optional<PublishingToken> meta = readOnly.execute(status -> storedForPublishing(tenantId, accountId));
        if (meta.isPresent()) {
            return meta.get();
        }
        GoogleGrants.Access access = google.access(tenantId, accountId);
        return new PublishingToken(accountId, Platform.GOOGLE_BUSINESS, access.postsParent(), access.accessToken());
    }

    /**
     * The token of an active Meta account, read in the caller's transaction (a publish reads it with the attempt it
     * starts: no transaction of its own); empty for a Google location, whose token may first need a refresh at
     * Google: {@link #forPublishing} gives that one, outside any transaction. Errors as {@link #forPublishing}'s.
     */
    public Optional<PublishingToken> storedForPublishing(TenantId tenantId, AccountId accountId) {
        SocialAccount account = accounts.findByTenantIdAndId(tenantId.value(), accountId.value())
                .orElseThrow(() -> DomainException.notFound("Account"));
        return account.platform() == Platform.GOOGLE_BUSINESS ? Optional.empty()
                : Optional.of(pageToken(tenantId, account));
    }

    private PublishingToken pageToken(TenantId tenantId, SocialAccount account) {
        if (account.status() != AccountStatus.ACTIVE) {
            throw DomainException.conflict("The account " + (account.username() == null ? "" : account.username() + " ")
                    + "is " + account.status().wireName().replace('_', ' ')
                    + (account.statusReason() == null ? "" : ": " + account.statusReason()));
        }
        OAuthToken token = tokens.findByTenantIdAndAccountIdAndTokenType(tenantId.value(), account.id().value(),
                OAuthToken.PAGE).orElseThrow(() -> DomainException.conflict("The account has no token: reconnect it."));
        return new PublishingToken(account.id(), account.platform(), account.platformUserId(),
                vault.open(token.sealed(), token.identity()));
    }
}
