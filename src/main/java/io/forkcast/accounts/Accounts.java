package io.forkcast.accounts;

import io.forkcast.shared.Platform;
import io.forkcast.meta.InstagramAccount;
import io.forkcast.meta.ManagedPage;
import io.forkcast.meta.TokenDebugInfo;
import io.forkcast.meta.UserAccessToken;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.Actor;
import io.forkcast.tenancy.TenantId;
import io.forkcast.vault.Vault;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** A tenant's connected accounts: reading them, storing what a connect brought, disconnecting them. */
@Service
public class Accounts {

    /** A granted Page with its token and, if linked and granted, its Instagram account. */
    record GrantedPage(ManagedPage page, InstagramAccount instagram) {
    }

    private final SocialAccountRepository accounts;
    private final OAuthTokenRepository tokens;
    private final Vault vault;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final GoogleGrants googleGrants;

    Accounts(SocialAccountRepository accounts, OAuthTokenRepository tokens, Vault vault,
            ApplicationEventPublisher events, Clock clock, GoogleGrants googleGrants) {
        this.googleGrants = googleGrants;
        this.accounts = accounts;
        this.tokens = tokens;
        this.vault = vault;
        this.events = events;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public CursorPage<ConnectedAccount> list(TenantId tenantId, PageRequest page) {
        Limit limit = Limit.of(page.size() + 1);
        List<SocialAccount> rows = page.after() == null
                ? accounts.findByTenantIdOrderByIdAsc(tenantId.value(), limit)
                : accounts.findByTenantIdAndIdGreaterThanOrderByIdAsc(tenantId.value(), page.after(), limit);
        Map<UUID, OAuthToken> pageTokens = pageTokens(tenantId, rows);
        return CursorPage.of(rows, page.size(), a -> a.id().value(),
                a -> ConnectedAccount.of(a, pageTokens.get(a.id().value())));
    }

    /** A tenant's active accounts on one network, oldest first. */
    @Transactional(readOnly = true)
    public List<ConnectedAccount> active(TenantId tenantId, Platform platform) {
        return accounts.findByTenantIdAndPlatformOrderByIdAsc(tenantId.value(), platform).stream()
                .filter(account -> account.status() == AccountStatus.ACTIVE)
                .map(account -> ConnectedAccount.of(account, pageToken(account).orElse(null))).toList();
    }

    /**
     * Every tenant's active accounts on one network, for a job over every tenant: the caller crosses tenants on
     * purpose ({@code CurrentTenant.callAsPlatform}), else row-level security shows it none.
     */
    @Transactional(readOnly = true)
    public List<ConnectedAccount> activeOfEveryTenant(Platform platform) {
        return accounts.findAllConnected().stream()
                .filter(account -> account.platform() == platform && account.status() == AccountStatus.ACTIVE)
                .map(account -> ConnectedAccount.of(account, null)).toList();
    }

    @Transactional(readOnly = true)
    public Optional<ConnectedAccount> find(TenantId tenantId, AccountId accountId) {
        return accounts.findByTenantIdAndId(tenantId.value(), accountId.value())
                .map(account -> ConnectedAccount.of(account, pageToken(account).orElse(null)));
    }

    @Transactional(readOnly = true)
    public ConnectedAccount get(TenantId tenantId, AccountId accountId) {
        return find(tenantId, accountId).orElseThrow(() -> DomainException.notFound("Account"));
    }

    /**
     * Marks an account as needing reconnection because Graph refused its token while acting for it (code 190
     * while publishing, say); {@code reason} is a sentence for the owner. A disconnected account stays so.
     */
    @Transactional
    public void markNeedsReconnect(TenantId tenantId, AccountId accountId, String reason) {
        accounts.findByTenantIdAndId(tenantId.value(), accountId.value())
                .filter(account -> account.status() == AccountStatus.ACTIVE)
                .ifPresent(account -> {
                    account.needsReconnect(reason, clock.instant());
                    accounts.save(account);
                });
    }

    /**
     * Disconnects an account: its tokens are destroyed, the account and its history stay. A Google location's grant
     * is revoked at Google once no other connected location of the tenant shares it (after commit, so a rolled
     * back disconnect revokes nothing).
     */
    @Transactional
    public ConnectedAccount disconnect(TenantId tenantId, AccountId accountId) {
        SocialAccount account = accounts.findByTenantIdAndId(tenantId.value(), accountId.value())
                .orElseThrow(() -> DomainException.notFound("Account"));
        if (account.platform() == Platform.GOOGLE_BUSINESS) {
            googleGrants.revokeAfterCommitIfLast(account);
        }
        tokens.deleteByTenantIdAndAccountId(tenantId.value(), accountId.value());
        account.disconnect(clock.instant());
        accounts.save(account);
        events.publishEvent(new AccountDisconnected(tenantId, accountId));
        return ConnectedAccount.of(account, null);
    }

    /**
     * Stores what a connect brought, in one transaction: each granted Page (and its Instagram account) is
     * created or, when the tenant already had it, reconnected with fresh tokens; never duplicated.
     */
    @Transactional
    List<ConnectedAccount> store(TenantId tenantId, UserAccessToken userToken, TokenDebugInfo userTokenInfo,
            List<GrantedPage> granted, Actor connectedBy) {
        Instant now = clock.instant();
        Instant userTokenExpiry = userToken.expiresIn() != null ? now.plus(userToken.expiresIn())
                : userTokenInfo.expiresAt();
        List<ConnectedAccount> connected = new ArrayList<>();
        for (GrantedPage grant : granted) {
            ManagedPage page = grant.page();
            Map<String, Object> pageMetadata = new LinkedHashMap<>();
            pageMetadata.put("name", page.name());
            pageMetadata.put("category", page.category());
            pageMetadata.put("tasks", page.tasks());
            pageMetadata.put("facebook_user_id", userTokenInfo.userId());
            if (page.pictureUrl() != null) {
                pageMetadata.put(SocialAccount.PICTURE_URL, page.pictureUrl());
            }
            SocialAccount pageAccount = upsert(tenantId, Platform.FACEBOOK, page.id(), "page", page.name(), null,
                    pageMetadata, userTokenInfo.userId(), now, connectedBy);
            OAuthToken pageToken = putToken(pageAccount, OAuthToken.PAGE, page.accessToken(), null, userTokenInfo, now);
            putToken(pageAccount, OAuthToken.USER, userToken.value(), userTokenExpiry, userTokenInfo, now);
            connected.add(ConnectedAccount.of(pageAccount, pageToken));
            if (grant.instagram() != null) {
                InstagramAccount instagram = grant.instagram();
                Map<String, Object> instagramMetadata = new LinkedHashMap<>();
                instagramMetadata.put("page_id", page.id());
                instagramMetadata.put("page_name", page.name());
                if (instagram.profilePictureUrl() != null) {
                    instagramMetadata.put(SocialAccount.PICTURE_URL, instagram.profilePictureUrl());
                }
                SocialAccount instagramAccount = upsert(tenantId, Platform.INSTAGRAM, instagram.id(), "business",
                        instagram.username(), pageAccount.id().value(), instagramMetadata, userTokenInfo.userId(), now,
                        connectedBy);
                OAuthToken instagramToken = putToken(instagramAccount, OAuthToken.PAGE, page.accessToken(), null,
                        userTokenInfo, now);
                connected.add(ConnectedAccount.of(instagramAccount, instagramToken));
            }
        }
        return connected;
    }

    /**
     * Stores what a Google connect brought, in one transaction: each location becomes (or, reconnected, stays) an
     * account of platform {@code google_business}, with the grant's refresh token and a current access token sealed.
     * Every location of one consent shares the grant ({@code grant_id} in its metadata).
     */
    @Transactional
    List<ConnectedAccount> storeGoogle(TenantId tenantId, io.forkcast.google.GoogleTokens granted,
            List<io.forkcast.google.BusinessLocation> locations, String googleAccountName, Actor connectedBy) {
        Instant now = clock.instant();
        String grantId = UUID.randomUUID().toString();
        List<ConnectedAccount> connected = new ArrayList<>();
        for (io.forkcast.google.BusinessLocation location : locations) {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("title", location.title());
            metadata.put("address", location.address());
            metadata.put(GoogleGrants.ACCOUNT, location.account());
            metadata.put("google_account_name", googleAccountName);
            metadata.put(GoogleGrants.GRANT, grantId);
            SocialAccount account = upsert(tenantId, Platform.GOOGLE_BUSINESS, location.name(), "location",
                    location.title(), null, metadata, null, now, connectedBy);
            OAuthToken refresh = putToken(account, OAuthToken.REFRESH, granted.refreshToken(), null, null,
                    granted.scopes(), now);
            putToken(account, OAuthToken.ACCESS, granted.accessToken(),
                    granted.expiresIn() == null ? null : now.plus(granted.expiresIn()), null, granted.scopes(), now);
            connected.add(ConnectedAccount.of(account, refresh));
        }
        return connected;
    }

    private SocialAccount upsert(TenantId tenantId, Platform platform, String platformUserId, String type,
            String username, UUID parent, Map<String, Object> metadata, String metaUserId, Instant now,
            Actor connectedBy) {
        SocialAccount account = accounts.findByTenantIdAndPlatformAndPlatformUserId(tenantId.value(), platform,
                        platformUserId)
                .orElseGet(() -> new SocialAccount(tenantId.value(), platform, platformUserId, type, now));
        account.connect(username, parent, metadata, metaUserId, now);
        // Flushed at once: a new Instagram account's parent must exist before it is inserted.
        SocialAccount saved = accounts.saveAndFlush(account);
        events.publishEvent(new AccountConnected(tenantId, saved.id(), platform, username, connectedBy));
        return saved;
    }

    private OAuthToken putToken(SocialAccount account, String type, String secret, Instant expiresAt,
            TokenDebugInfo info, Instant now) {
        return putToken(account, type, secret, expiresAt, info.dataAccessExpiresAt(), info.scopes(), now);
    }

    private OAuthToken putToken(SocialAccount account, String type, String secret, Instant expiresAt,
            Instant dataAccessExpiresAt, List<String> scopes, Instant now) {
        UUID tenantId = account.tenantId();
        UUID accountId = account.id().value();
        OAuthToken token = tokens.findByTenantIdAndAccountIdAndTokenType(tenantId, accountId, type)
                .orElseGet(() -> new OAuthToken(tenantId, accountId, type, now));
        token.replace(vault.seal(secret, OAuthToken.identity(tenantId, accountId, type)), expiresAt,
                dataAccessExpiresAt, scopes, now);
        return tokens.save(token);
    }

    private Optional<OAuthToken> pageToken(SocialAccount account) {
        return tokens.findByTenantIdAndAccountIdAndTokenType(account.tenantId(), account.id().value(),
                OAuthToken.describing(account.platform()));
    }

    private Map<UUID, OAuthToken> pageTokens(TenantId tenantId, List<SocialAccount> rows) {
        if (rows.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Platform> platforms = rows.stream().collect(Collectors.toMap(a -> a.id().value(),
                SocialAccount::platform));
        return tokens.findByTenantIdAndAccountIdIn(tenantId.value(), rows.stream().map(a -> a.id().value()).toList())
                .stream().filter(t -> t.tokenType().equals(OAuthToken.describing(platforms.get(t.accountId()))))
                .collect(Collectors.toMap(OAuthToken::accountId, Function.identity()));
    }
}
