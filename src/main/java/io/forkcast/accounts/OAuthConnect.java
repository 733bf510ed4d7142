package io.forkcast.accounts;

import io.forkcast.shared.Platform;
import io.forkcast.meta.GraphClient;
import io.forkcast.meta.GraphError;
import io.forkcast.meta.InstagramAccount;
import io.forkcast.meta.ManagedPage;
import io.forkcast.meta.TokenDebugInfo;
import io.forkcast.meta.UserAccessToken;
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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The connect flow: a tenant asks for a Facebook dialog URL (a fresh OAuth state behind it), the owner
 * approves on Facebook, and the callback, authenticated by that state alone, exchanges the code, lists the
 * granted Pages and their Instagram accounts and stores them with sealed tokens. Every Graph call happens
 * before anything is stored, so a Graph failure leaves nothing half-stored.
 */
@Service
public class OAuthConnect {

    public static final String CALLBACK_PATH = "/api/v1/oauth/facebook/callback";

    private static final Logger log = LoggerFactory.getLogger(OAuthConnect.class);

    /** Where the owner's browser goes next, and until when the link works. */
    public record Authorization(URI authorizationUrl, Instant expiresAt) {
    }

    /**
     * What a callback came to: {@code status} is the HTTP status to answer with; {@code tenantId} the tenant the
     * state named (when known); {@code accounts} what was connected; {@code pagesWithoutInstagram} the granted
     * Pages that have no Instagram account linked.
     */
    public record Outcome(Result result, String title, String message, TenantId tenantId,
            List<ConnectedAccount> accounts, List<String> pagesWithoutInstagram) {

        public boolean connected() {
            return result == Result.CONNECTED;
        }

        static Outcome failure(Result result, String title, String message, TenantId tenantId) {
            return new Outcome(result, title, message, tenantId, List.of(), List.of());
        }
    }

    /** How a connection ended: what the owner did or sent decides {@code REFUSED}; the network away decides the other. */
    public enum Result {
        CONNECTED, REFUSED, NETWORK_UNAVAILABLE
    }

    private final OAuthStates states;
    private final GraphClient graph;
    private final Accounts accounts;
    private final Tenants tenants;
    private final CurrentTenant currentTenant;
    private final PublicUrls publicUrls;
    private final MeterRegistry meters;

    OAuthConnect(OAuthStates states, GraphClient graph, Accounts accounts, Tenants tenants,
            CurrentTenant currentTenant, PublicUrls publicUrls, MeterRegistry meters) {
        this.meters = meters;
        // Every series from the start (at zero), so that rates and "per day" panels have a baseline.
        for (Platform platform : Platform.values()) {
            connections(platform.wireName(), "connected");
        }
        connections(Platform.FACEBOOK.wireName(), "refused");
        connections(Platform.FACEBOOK.wireName(), "error");
        this.states = states;
        this.graph = graph;
        this.accounts = accounts;
        this.tenants = tenants;
        this.currentTenant = currentTenant;
        this.publicUrls = publicUrls;
    }

    /** A connect link for a tenant (the caller's right to ask for it is checked by the web layer). */
    public Authorization authorize(TenantId tenantId) {
        return authorize(tenantId, CALLBACK_PATH);
    }

    /**
     * A connect link whose dialog sends the browser back to another path of this application (the dashboard's
     * accounts page), which then calls {@link #complete}. With a real Meta app, that address must be one of the
     * app's valid OAuth redirect URIs too.
     */
    public Authorization authorize(TenantId tenantId, String callbackPath) {
        tenants.get(tenantId);
        URI redirectUri = publicUrls.resolve(callbackPath);
        OAuthStates.NewState state = states.create(tenantId, redirectUri);
        return new Authorization(graph.authorizationDialogUrl(redirectUri, state.state()), state.expiresAt());
    }

    /**
     * Completes a connect from Facebook's redirect. Never throws for anything Facebook or the owner did. Counted in
     * {@code forkcast.oauth.connections}: each account connected ({@code result=connected}, its platform), or the
     * attempt that connected nothing ({@code platform=facebook}, {@code result=refused} for the owner's or the
     * link's reason, {@code error} when Facebook could not be reached).
     */
    public Outcome complete(String code, String state, String error, String errorReason) {
        Outcome outcome = connect(code, state, error, errorReason);
        if (outcome.connected()) {
            outcome.accounts().forEach(account -> connections(account.platform().wireName(), "connected").increment());
        } else {
            connections(Platform.FACEBOOK.wireName(), outcome.result() == Result.NETWORK_UNAVAILABLE ? "error" : "refused")
                    .increment();
        }
        return outcome;
    }

    private Counter connections(String platform, String result) {
        return meters.counter("forkcast.oauth.connections", "platform", platform, "result", result);
    }

    private Outcome connect(String code, String state, String error, String errorReason) {
        if (state == null || state.isBlank()) {
            return Outcome.failure(Result.REFUSED, "Connect link incomplete",
                    "The request has no state parameter, so it cannot be matched to a connect link. Start "
                            + "connecting again from Forkcast.", null);
        }
        OAuthStates.Consumed consumed = currentTenant.callAsPlatform("OAuth callback: the state names its tenant",
                () -> states.consume(state));
        switch (consumed.status()) {
            case UNKNOWN -> {
                return Outcome.failure(Result.REFUSED, "Connect link not valid",
                        "This connect link is unknown or has already been used. Start connecting again from "
                                + "Forkcast.", null);
            }
            case EXPIRED -> {
                return Outcome.failure(Result.REFUSED, "Connect link expired",
                        "This connect link expired (links work for a few minutes). Start connecting again from "
                                + "Forkcast.", consumed.tenantId());
            }
            case VALID -> {
            }
        }
        TenantId tenantId = consumed.tenantId();
        if (error != null) {
            String why = "user_denied".equals(errorReason) ? "you chose not to grant access" : "Facebook said: " + error;
            return Outcome.failure(Result.REFUSED, "Nothing connected",
                    "Facebook access was not granted (" + why + "), so nothing was connected. To connect, start "
                            + "again and choose Continue on Facebook's page.", tenantId);
        }
        if (code == null || code.isBlank()) {
            return Outcome.failure(Result.REFUSED, "Nothing connected",
                    "Facebook sent no authorization code. Start connecting again from Forkcast.", tenantId);
        }
        UserAccessToken longLived;
        TokenDebugInfo info;
        List<Accounts.GrantedPage> granted = new ArrayList<>();
        List<String> withoutInstagram = new ArrayList<>();
        URI redirectUri = consumed.redirectUri();
        try {
            UserAccessToken shortLived;
            try {
                shortLived = graph.exchangeCode(code, redirectUri);
            } catch (GraphError e) {
                if (e.kind() == GraphError.Kind.INVALID_REQUEST || e.kind() == GraphError.Kind.AUTH_INVALID) {
                    log.info("Connect of tenant {}: Facebook rejected the code ({})", tenantId, e.codeText());
                    return Outcome.failure(Result.REFUSED, "Facebook rejected the connection",
                            "Facebook rejected the authorization code (" + e.graphMessage() + "). Nothing was "
                                    + "stored. Start connecting again from Forkcast.", tenantId);
                }
                throw e;
            }
            longLived = graph.exchangeForLongLivedToken(shortLived.value());
            info = graph.debugToken(longLived.value());
            for (ManagedPage page : graph.managedPages(longLived.value())) {
                if (!info.grants("pages_show_list", page.id())) {
                    continue;
                }
                InstagramAccount instagram = graph.instagramAccount(page.id(), page.accessToken())
                        .filter(ig -> info.grants("instagram_basic", ig.id()))
                        .orElse(null);
                if (instagram == null) {
                    withoutInstagram.add(page.name());
                }
                granted.add(new Accounts.GrantedPage(page, instagram));
            }
        } catch (GraphError e) {
            log.warn("Connect of tenant {} stopped: Graph {} ({})", tenantId, e.codeText(), e.kind());
            String what = e.code() == null ? "Facebook did not answer in time"
                    : "Facebook answered with an error (" + e.codeText() + ")";
            return Outcome.failure(Result.NETWORK_UNAVAILABLE, "Facebook could not be reached",
                    what + ", so nothing was stored. Please start connecting again in a few minutes.", tenantId);
        }
        if (granted.isEmpty()) {
            return Outcome.failure(Result.REFUSED, "No Page granted",
                    "No Facebook Page was granted, so nothing was connected. Start again and select at least one "
                            + "Page on Facebook's page.", tenantId);
        }
        Plan plan = currentTenant.callAsPlatform("OAuth callback: plan of the state's tenant",
                () -> tenants.planOf(tenantId));
        List<ConnectedAccount> connected = currentTenant.callAsTenant(tenantId, plan,
                () -> accounts.store(tenantId, longLived, info, granted, consumed.startedBy()));
        log.info("Tenant {} connected {} account(s)", tenantId, connected.size());
        return new Outcome(Result.CONNECTED, "Connected", "Your accounts are connected to Forkcast.", tenantId,
                connected, List.copyOf(withoutInstagram));
    }
}
