package io.forkcast.accounts;

import io.forkcast.shared.Platform;
import io.forkcast.meta.GraphClient;
import io.forkcast.meta.GraphError;
import io.forkcast.meta.TokenDebugInfo;
import io.forkcast.meta.UserAccessToken;
import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.Plan;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import io.forkcast.vault.Vault;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The token health check, daily for every account and on demand for one: asks Graph ({@code debug_token})
 * about each token, records validity, expiry, data-access expiry and scopes, exchanges user tokens nearing
 * expiry, marks an account {@code needs_reconnect} with a reason when its token is dead (190) or a required
 * permission is gone, and writes one history row per token checked. Graph is called outside any transaction;
 * one account failing never stops the others.
 */
@Service
public class TokenHealth {

    private static final Logger log = LoggerFactory.getLogger(TokenHealth.class);

    /** The outcome of one run over every account. */
    public record Run(int accounts, int success, int refreshed, int invalid, int failed) {
    }

    private record Check(OAuthToken token, String secret) {
    }

    private final SocialAccountRepository accounts;
    private final OAuthTokenRepository tokens;
    private final TokenCheckRepository history;
    private final GraphClient graph;
    private final GoogleGrants google;
    private final Vault vault;
    private final Tenants tenants;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;
    private final AccountsProperties properties;
    private final MeterRegistry registry;
    private final Clock clock;
    private final java.util.concurrent.atomic.AtomicReference<Double> lastSuccessRate =
            new java.util.concurrent.atomic.AtomicReference<>(Double.NaN);

    TokenHealth(SocialAccountRepository accounts, OAuthTokenRepository tokens, TokenCheckRepository history,
            GraphClient graph, GoogleGrants google, Vault vault, Tenants tenants, CurrentTenant currentTenant,
            PlatformTransactionManager transactionManager, AccountsProperties properties, MeterRegistry registry,
            Clock clock) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.history = history;
        this.graph = graph;
        this.google = google;
        this.vault = vault;
        this.tenants = tenants;
        this.currentTenant = currentTenant;
        this.transaction = new TransactionTemplate(transactionManager);
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
        this.properties = properties;
        this.registry = registry;
        this.clock = clock;
        Gauge.builder("forkcast.tokens.refresh.success.ratio", lastSuccessRate, java.util.concurrent.atomic.AtomicReference::get)
                .description("Share of the tokens the last health run checked (or refreshed) successfully")
                .register(registry);
        Gauge.builder("forkcast.accounts.needing.reconnect", this, TokenHealth::needingReconnect)
                .description("Accounts Forkcast cannot act for until their owner reconnects them").register(registry);
        Gauge.builder("forkcast.tokens.expiring.within.24h", this, health -> health.expiringWithin(Duration.ofHours(24)))
                .description("Valid tokens expiring within 24 hours").register(registry);
        Gauge.builder("forkcast.tokens.expiring.within.7d", this, health -> health.expiringWithin(Duration.ofDays(7)))
                .description("Valid tokens expiring within 7 days").register(registry);
        // Both results from the start, so that a failure rate can be computed before the first failure.
        refreshes(REFRESH_SUCCESS);
        refreshes(REFRESH_FAILURE);
    }

    /** Checks every connected account of every tenant. */
    public Run checkAll() {
        List<SocialAccount> connected = currentTenant.callAsPlatform("token health: every tenant's accounts",
                () -> readOnly.execute(status -> accounts.findAllConnected()));
        Map<UUID, Plan> plans = new HashMap<>();
        int success = 0, refreshed = 0, invalid = 0, failed = 0;
        for (SocialAccount account : connected) {
            TenantId tenantId = new TenantId(account.tenantId());
            try {
                Plan plan = plans.computeIfAbsent(account.tenantId(), id -> currentTenant.callAsPlatform(
                        "token health: plan of the account's tenant", () -> tenants.planOf(tenantId)));
                for (String outcome : currentTenant.callAsTenant(tenantId, plan, () -> checkAccount(tenantId,
                        account.id()))) {
                    switch (outcome) {
                        case TokenCheck.SUCCESS -> success++;
                        case TokenCheck.REFRESHED -> refreshed++;
                        case TokenCheck.INVALID -> invalid++;
                        default -> failed++;
                    }
                }
            } catch (RuntimeException e) {
                // One account's trouble (a tenant deleted meanwhile, a key missing from the ring) must not stop
                // the others; its cause is logged, without the token.
                failed++;
                registry.counter("forkcast.tokens.checks", "outcome", TokenCheck.FAILED).increment();
                log.warn("Token health check of account {} failed: {}", account.id(), e.toString());
            }
        }
        Run run = new Run(connected.size(), success, refreshed, invalid, failed);
        int checked = success + refreshed + invalid + failed;
        lastSuccessRate.set(checked == 0 ? Double.NaN : (double) (success + refreshed) / checked);
        log.info("Token health: {} account(s), {} token(s) fine, {} refreshed, {} invalid, {} not checked",
                run.accounts(), success, refreshed, invalid, failed);
        return run;
    }

    /** Checks one account of the current tenant now; returns the outcome per token. */
    public List<String> check(TenantId tenantId, AccountId accountId) {
        return checkAccount(tenantId, accountId);
    }

    private List<String> checkAccount(TenantId tenantId, AccountId accountId) {
        if (platformOf(tenantId, accountId) == Platform.GOOGLE_BUSINESS) {
            String outcome = google.check(tenantId, accountId);
            registry.counter("forkcast.tokens.checks", "outcome", outcome).increment();
            refreshes(TokenCheck.REFRESHED.equals(outcome) ? REFRESH_SUCCESS : REFRESH_FAILURE).increment();
            return List.of(outcome);
        }
        List<Check> checks = readOnly.execute(status -> {
            SocialAccount account = accounts.findByTenantIdAndId(tenantId.value(), accountId.value())
                    .orElseThrow(() -> DomainException.notFound("Account"));
            if (account.status() == AccountStatus.DISCONNECTED) {
                throw DomainException.conflict("The account is disconnected: there is no token to check.");
            }
            List<Check> found = new ArrayList<>();
            for (OAuthToken token : tokens.findByTenantIdAndAccountId(tenantId.value(), accountId.value())) {
                found.add(new Check(token, vault.open(token.sealed(), token.identity())));
            }
            return found;
        });
        List<String> outcomes = new ArrayList<>();
        for (Check check : checks) {
            String outcome = checkToken(tenantId, accountId, check);
            registry.counter("forkcast.tokens.checks", "outcome", outcome).increment();
            outcomes.add(outcome);
            if (OAuthToken.PAGE.equals(check.token().tokenType())
                    && (TokenCheck.SUCCESS.equals(outcome) || TokenCheck.REFRESHED.equals(outcome))) {
                refreshPicture(tenantId, accountId, check.secret());
            }
        }
        return outcomes;
    }

    /**
     * Asks Graph for the account's picture again: Meta's CDN addresses expire, and the owner may have changed it.
     * A failure keeps the last one; it is a picture, not a reason to mark anything.
     */
    private void refreshPicture(TenantId tenantId, AccountId accountId, String pageToken) {
        SocialAccount read = readOnly.execute(status -> accounts.findByTenantIdAndId(tenantId.value(),
                accountId.value()).orElse(null));
        if (read == null) {
            return;
        }
        String url;
        try {
            url = graph.profilePicture(read.platformUserId(), pageToken, read.platform() == Platform.INSTAGRAM);
        } catch (GraphError e) {
            log.info("Picture of account {} not refreshed: Graph {}", accountId, e.codeText());
            return;
        }
        transaction.executeWithoutResult(status -> accounts.findByTenantIdAndId(tenantId.value(), accountId.value())
                .filter(account -> account.status() == AccountStatus.ACTIVE)
                .ifPresent(account -> {
                    account.pictureSeen(url, clock.instant());
                    accounts.save(account);
                }));
    }

    private String checkToken(TenantId tenantId, AccountId accountId, Check check) {
        TokenDebugInfo info;
        try {
            info = graph.debugToken(check.secret());
        } catch (GraphError e) {
            return record(tenantId, accountId, check.token(), (account, token, now) -> {
                history.save(new TokenCheck(token, TokenCheck.FAILED, e.codeText(), e.graphMessage(),
                        token.expiresAt(), token.expiresAt(), now));
                return TokenCheck.FAILED;
            });
        }
        Instant now = clock.instant();
        if (!info.valid()) {
            String code = info.errorCode() == null ? "invalid"
                    : info.errorCode() + (info.errorSubcode() == null ? "" : "/" + info.errorSubcode());
            return record(tenantId, accountId, check.token(), (account, token, at) -> {
                token.checked(false, null, null, List.of(), at);
                account.needsReconnect(reason(info.errorCode(), info.errorSubcode()), at);
                history.save(new TokenCheck(token, TokenCheck.INVALID, code, info.errorMessage(), token.expiresAt(),
                        null, at));
                return TokenCheck.INVALID;
            });
        }
        List<String> missing = new ArrayList<>();
        if (OAuthToken.PAGE.equals(check.token().tokenType())) {
            String target = accountTarget(tenantId, accountId);
            for (String scope : properties.requiredScopes(platformOf(tenantId, accountId))) {
                if (!info.grants(scope, target)) {
                    missing.add(scope);
                }
            }
        }
        if (!missing.isEmpty()) {
            return record(tenantId, accountId, check.token(), (account, token, at) -> {
                token.checked(true, info.expiresAt(), info.dataAccessExpiresAt(), info.scopes(), at);
                account.needsReconnect("The permission" + (missing.size() > 1 ? "s " : " ") + String.join(", ", missing)
                        + (missing.size() > 1 ? " were" : " was") + " removed on Facebook. Reconnect the account and "
                        + "grant " + (missing.size() > 1 ? "them" : "it") + " again.", at);
                history.save(new TokenCheck(token, TokenCheck.INVALID, "missing_scope",
                        "Missing: " + String.join(", ", missing), token.expiresAt(), token.expiresAt(), at));
                return TokenCheck.INVALID;
            });
        }
        boolean expiringSoon = OAuthToken.USER.equals(check.token().tokenType()) && info.expiresAt() != null
                && info.expiresAt().isBefore(now.plus(properties.refreshWithin()));
        if (!expiringSoon) {
            return record(tenantId, accountId, check.token(), (account, token, at) -> {
                Instant previous = token.expiresAt();
                token.checked(true, info.expiresAt(), info.dataAccessExpiresAt(), info.scopes(), at);
                history.save(new TokenCheck(token, TokenCheck.SUCCESS, null, null, previous, token.expiresAt(), at));
                return TokenCheck.SUCCESS;
            });
        }
        UserAccessToken fresh;
        try {
            fresh = graph.exchangeForLongLivedToken(check.secret());
        } catch (GraphError e) {
            refreshes(REFRESH_FAILURE).increment();
            return record(tenantId, accountId, check.token(), (account, token, at) -> {
                token.checked(true, info.expiresAt(), info.dataAccessExpiresAt(), info.scopes(), at);
                history.save(new TokenCheck(token, TokenCheck.FAILED, e.codeText(),
                        "Refresh failed: " + e.graphMessage(), token.expiresAt(), token.expiresAt(), at));
                return TokenCheck.FAILED;
            });
        }
        refreshes(REFRESH_SUCCESS).increment();
        return record(tenantId, accountId, check.token(), (account, token, at) -> {
            Instant previous = token.expiresAt();
            Instant expires = fresh.expiresIn() == null ? null : at.plus(fresh.expiresIn());
            token.replace(vault.seal(fresh.value(), token.identity()), expires, info.dataAccessExpiresAt(),
                    info.scopes(), at);
            token.checked(true, expires, info.dataAccessExpiresAt(), info.scopes(), at);
            history.save(new TokenCheck(token, TokenCheck.REFRESHED, null, null, previous, token.expiresAt(), at));
            return TokenCheck.REFRESHED;
        });
    }

    static final String REFRESH_SUCCESS = "success";
    static final String REFRESH_FAILURE = "failure";

    /** Exchanges of an expiring user token for a fresh long-lived one, by result ({@code success}, {@code failure}). */
    private Counter refreshes(String result) {
        return Counter.builder("forkcast.token.refresh").tag("result", result)
                .description("Exchanges of expiring user tokens for fresh long-lived ones").register(registry);
    }

    private interface Change {
        String apply(SocialAccount account, OAuthToken token, Instant now);
    }

    /** Applies a check's result in a transaction, unless the account was disconnected meanwhile. */
    private String record(TenantId tenantId, AccountId accountId, OAuthToken checked, Change change) {
        String outcome = transaction.execute(status -> {
            SocialAccount account = accounts.findByTenantIdAndId(tenantId.value(), accountId.value()).orElse(null);
            OAuthToken token = tokens.findById(checked.id()).orElse(null);
            if (account == null || token == null) {
                return null;
            }
            String applied = change.apply(account, token, clock.instant());
            accounts.save(account); // publishes AccountAccessLost when the check ended the account's access
            return applied;
        });
        return outcome == null ? TokenCheck.FAILED : outcome;
    }

    private String accountTarget(TenantId tenantId, AccountId accountId) {
        return readOnly.execute(status -> accounts.findByTenantIdAndId(tenantId.value(), accountId.value())
                .map(SocialAccount::platformUserId).orElse(""));
    }

    private Platform platformOf(TenantId tenantId, AccountId accountId) {
        return readOnly.execute(status -> accounts.findByTenantIdAndId(tenantId.value(), accountId.value())
                .map(SocialAccount::platform).orElse(Platform.FACEBOOK));
    }

    /** A sentence a restaurant owner understands, from Graph's 190 subcode. */
    static String reason(Integer code, Integer subcode) {
        if (subcode != null) {
            switch (subcode) {
                case 460 -> {
                    return "The Facebook password was changed, which ended Forkcast's access. Reconnect the account.";
                }
                case 463 -> {
                    return "Forkcast's Facebook access expired. Reconnect the account.";
                }
                case 458 -> {
                    return "Forkcast was removed from the Facebook account's apps. Reconnect the account.";
                }
                case 459 -> {
                    return "Facebook wants the account owner to log in on facebook.com and complete a security check; "
                            + "then reconnect the account.";
                }
                case 464 -> {
                    return "The Facebook user has not confirmed their account yet; confirm it, then reconnect.";
                }
                default -> {
                }
            }
        }
        return "Facebook no longer accepts Forkcast's access (code " + (code == null ? "190" : code)
                + (subcode == null ? "" : "/" + subcode) + "). Reconnect the account.";
    }

    private double needingReconnect() {
        return count(() -> accounts.countByStatus(AccountStatus.NEEDS_RECONNECT));
    }

    private double expiringWithin(Duration window) {
        Instant now = clock.instant();
        return count(() -> tokens.countValidExpiringBetween(now, now.plus(window)));
    }

    private double count(java.util.function.Supplier<Long> query) {
        Long value = currentTenant.callAsPlatform("token health metrics over every tenant",
                () -> readOnly.execute(status -> query.get()));
        return value == null ? 0 : value;
    }
}
