package io.forkcast.listing;

import io.forkcast.accounts.AccessTokens;
import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.Accounts;
import io.forkcast.google.GoogleClient;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;
import org.springframework.stereotype.Component;

import java.util.List;

/** The tenant's connected Google locations, and a token to act for one (through the accounts module only). */
@Component
class GoogleLocations {

    /** A location to call Google for; the token is secret: never log it. */
    record Location(AccountId accountId, String parent, String accessToken) {

        /** The Performance API's name of the location, {@code locations/{id}}. */
        String performanceName() {
            return parent.substring(parent.indexOf("/locations/") + 1);
        }

        @Override
        public String toString() {
            return "Location[accountId=" + accountId + ", parent=" + parent + "]";
        }
    }

    private final Accounts accounts;
    private final AccessTokens tokens;
    private final GoogleClient google;

    GoogleLocations(Accounts accounts, AccessTokens tokens, GoogleClient google) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.google = google;
    }

    /** The tenant's active Google locations; none while Google is off, so no listing job calls Google. */
    List<ConnectedAccount> active(TenantId tenantId) {
        return google.enabled() ? accounts.active(tenantId, Platform.GOOGLE_BUSINESS) : List.of();
    }


    /** The tenant's Google location by id: 404 for an unknown one or an account on another network. */
    ConnectedAccount get(TenantId tenantId, AccountId accountId) {
        ConnectedAccount account = accounts.get(tenantId, accountId);
        if (account.platform() != Platform.GOOGLE_BUSINESS) {
            throw DomainException.notFound("Google location");
        }
        return account;
    }

    /** A current token (refreshed at Google when about to expire): 409 when the location needs reconnecting. */
    Location open(TenantId tenantId, AccountId accountId) {
        AccessTokens.PublishingToken token = tokens.forPublishing(tenantId, accountId);
        return new Location(accountId, token.platformUserId(), token.accessToken());
    }
}
