package io.forkcast.accounts;

import io.forkcast.google.BusinessAccount;
import io.forkcast.google.BusinessLocation;
import io.forkcast.google.GoogleClient;
import io.forkcast.google.GoogleError;
import io.forkcast.google.GoogleTokens;
import io.forkcast.shared.Platform;
import io.forkcast.shared.PublicUrls;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.Plan;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Connecting a tenant's Google Business Profile locations: a consent link (authorization code with PKCE and offline
 * access behind a single-use state), and the callback, authenticated by that state alone, which exchanges the code
 * with the state's verifier, lists the Google user's Business Profile accounts and their locations, and stores
 * every location as an account of platform {@code google_business} with the grant's tokens sealed. Every Google call
 * happens before anything is stored, so a Google failure leaves nothing half-stored.
 */
@Service
public class GoogleConnect {

    public static final String CALLBACK_PATH = "/api/v1/oauth/google/callback";

    private static final Logger log = LoggerFactory.getLogger(GoogleConnect.class);

    private final OAuthStates states;
    private final GoogleClient google;
    private final Accounts accounts;
    private final Tenants tenants;
    private final CurrentTenant currentTenant;
    private final PublicUrls publicUrls;
    private final MeterRegistry meters;

    GoogleConnect(OAuthStates states, GoogleClient google, Accounts accounts, Tenants tenants,
            CurrentTenant currentTenant, PublicUrls publicUrls, MeterRegistry meters) {
        this.states = states;
        this.google = google;
        this.accounts = accounts;
        this.tenants = tenants;
        this.currentTenant = currentTenant;
        this.publicUrls = publicUrls;
        this.meters = meters;
        connections("refused");
        connections("error");
    }

    /** A consent link for a tenant (the caller's right to ask for it is checked by the web layer). */
    /** Whether this deployment offers Google at all ({@code forkcast.google.enabled}). */
    public boolean enabled() {
        return google.enabled();
    }

    public OAuthConnect.Authorization authorize(TenantId tenantId) {
        return authorize(tenantId, CALLBACK_PATH);
    }

    /**
     * A consent link whose redirect comes back to another path of this application (the dashboard's accounts
     * page). With a real Google client, that address must be one of its authorized redirect URIs too.
     */
    public OAuthConnect.Authorization authorize(TenantId tenantId, String callbackPath) {
        google.requireEnabled();
        tenants.get(tenantId);
        URI redirectUri = publicUrls.resolve(callbackPath);
        String verifier = states.randomToken();
        OAuthStates.NewState state = states.create(tenantId, redirectUri, Platform.GOOGLE_BUSINESS, verifier);
        return new OAuthConnect.Authorization(google.authorizationUrl(redirectUri, state.state(), verifier),
                state.expiresAt());
    }

    /**
     * Completes a connect from Google's redirect. Never throws for anything Google or the owner did. Counted in
     * {@code forkcast.oauth.connections} with {@code platform=google_business}.
     */
    public OAuthConnect.Outcome complete(String code, String state, String error) {
        OAuthConnect.Outcome outcome = connect(code, state, error);
        if (outcome.connected()) {
            meters.counter("forkcast.oauth.connections", "platform", Platform.GOOGLE_BUSINESS.wireName(), "result",
                    "connected").increment(outcome.accounts().size());
        } else {
            connections(outcome.result() == OAuthConnect.Result.NETWORK_UNAVAILABLE ? "error" : "refused")
                    .increment();
        }
        return outcome;
    }

    private Counter connections(String result) {
        return meters.counter("forkcast.oauth.connections", "platform", Platform.GOOGLE_BUSINESS.wireName(),
                "result", result);
    }

    private OAuthConnect.Outcome connect(String code, String state, String error) {
        google.requireEnabled();
        if (state == null || state.isBlank()) {
            return refused("Connect link incomplete", "The request has no state parameter, so it cannot be matched "
                    + "to a connect link. Start connecting Google again from Forkcast.", null);
        }
        OAuthStates.Consumed consumed = currentTenant.callAsPlatform("Google OAuth callback: the state names its tenant",
                () -> states.consume(state, Platform.GOOGLE_BUSINESS));
        switch (consumed.status()) {
            case UNKNOWN -> {
                return refused("Connect link not valid", "This connect link is unknown or has already been used. "
                        + "Start connecting Google again from Forkcast.", null);
            }
            case EXPIRED -> {
                return refused("Connect link expired", "This connect link expired (links work for a few minutes). "
                        + "Start connecting Google again from Forkcast.", consumed.tenantId());
            }
            case VALID -> {
            }
        }
        TenantId tenantId = consumed.tenantId();
        if (error != null) {
            String why = "access_denied".equals(error) ? "you chose Cancel on Google's page" : "Google said: " + error;
            return refused("Nothing connected", "Google access was not granted (" + why + "), so nothing was "
                    + "connected. To connect, start again and choose Continue on Google's page.", tenantId);
        }
        if (code == null || code.isBlank()) {
            return refused("Nothing connected", "Google sent no authorization code. Start connecting Google again "
                    + "from Forkcast.", tenantId);
        }
        GoogleTokens granted;
        List<BusinessLocation> locations = new ArrayList<>();
        String accountName = null;
        try {
            try {
                granted = google.exchangeCode(code, consumed.redirectUri(), consumed.codeVerifier());
            } catch (GoogleError e) {
                if (!e.retryable()) {
                    log.info("Google connect of tenant {}: Google rejected the code ({})", tenantId, e.status());
                    return refused("Google rejected the connection", "Google rejected the authorization code ("
                            + e.googleMessage() + "). Nothing was stored. Start connecting Google again from "
                            + "Forkcast.", tenantId);
                }
                throw e;
            }
            if (!granted.scopes().containsAll(google.scopes())) {
                return refused("Permission not granted", "Google did not grant Forkcast permission to manage your "
                        + "business listings, so nothing was connected. Start again and leave that permission "
                        + "ticked on Google's page.", tenantId);
            }
            if (granted.refreshToken() == null) {
                return refused("Nothing connected", "Google granted no lasting access (no refresh token), so "
                        + "Forkcast could only post for an hour. Start connecting Google again from Forkcast.",
                        tenantId);
            }
            for (BusinessAccount account : google.accounts(granted.accessToken())) {
                accountName = accountName == null ? account.accountName() : accountName;
                locations.addAll(google.locations(granted.accessToken(), account.name()));
            }
        } catch (GoogleError e) {
            log.warn("Google connect of tenant {} stopped: HTTP {} {} ({})", tenantId, e.httpStatus(), e.status(),
                    e.kind());
            String what = e.httpStatus() == 0 ? "Google did not answer in time"
                    : "Google answered with an error (" + e.httpStatus() + " " + e.status() + ")";
            return OAuthConnect.Outcome.failure(OAuthConnect.Result.NETWORK_UNAVAILABLE, "Google could not be reached",
                    what + ", so nothing was stored. Please start connecting Google again in a few minutes.",
                    tenantId);
        }
        if (locations.isEmpty()) {
            return refused("No business location", "This Google account manages no Business Profile location, so "
                    + "nothing was connected. Sign in with the Google account that manages the restaurant's "
                    + "listing.", tenantId);
        }
        Plan plan = currentTenant.callAsPlatform("Google OAuth callback: plan of the state's tenant",
                () -> tenants.planOf(tenantId));
        String owner = accountName;
        List<ConnectedAccount> connected = currentTenant.callAsTenant(tenantId, plan,
                () -> accounts.storeGoogle(tenantId, granted, locations, owner,
                        consumed.startedBy()));
        log.info("Tenant {} connected {} Google location(s)", tenantId, connected.size());
        return new OAuthConnect.Outcome(OAuthConnect.Result.CONNECTED, "Connected",
                "Your Google Business Profile locations are connected to Forkcast.", tenantId, connected, List.of());
    }

    private static OAuthConnect.Outcome refused(String title, String message, TenantId tenantId) {
        return OAuthConnect.Outcome.failure(OAuthConnect.Result.REFUSED, title, message, tenantId);
    }
}
