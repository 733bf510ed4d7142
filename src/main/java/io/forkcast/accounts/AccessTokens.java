package io.forkcast.accounts;

import io.forkcast.shared.Platform;
import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.TenantId;
import io.forkcast.vault.Vault;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Opens an account's token for the code that acts for it (publishing), and for nothing else. */
@Service
public class AccessTokens {

    /**
     * The token to publish with. {@code platformUserId} is the Page id or the Instagram user id to call Graph on.
     * The token is secret: never log it, never return it.
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

    AccessTokens(SocialAccountRepository accounts, OAuthTokenRepository tokens, Vault vault) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.vault = vault;
    }

    /**
     * The Page token of an active account. An unknown account is a 404; one that needs reconnecting or was
     * disconnected is a 409 saying so.
     */
    @Transactional(readOnly = true)
    public PublishingToken forPublishing(TenantId tenantId, AccountId accountId) {
        SocialAccount account = accounts.findByTenantIdAndId(tenantId.value(), accountId.value())
                .orElseThrow(() -> DomainException.notFound("Account"));
        if (account.status() != AccountStatus.ACTIVE) {
            throw DomainException.conflict("The account " + (account.username() == null ? "" : account.username() + " ")
                    + "is " + account.status().wireName().replace('_', ' ')
                    + (account.statusReason() == null ? "" : ": " + account.statusReason()));
        }
        OAuthToken token = tokens.findByTenantIdAndAccountIdAndTokenType(tenantId.value(), accountId.value(),
                OAuthToken.PAGE).orElseThrow(() -> DomainException.conflict("The account has no token: reconnect it."));
        return new PublishingToken(account.id(), account.platform(), account.platformUserId(),
                vault.open(token.sealed(), token.identity()));
    }
}
