package io.forkcast.sandbox.meta;

import io.forkcast.sandbox.SandboxProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The state of the pretend Facebook: apps, one sandbox user with a restaurant's Pages (one linked to an
 * Instagram account, one not), authorization codes and tokens. Kept in memory: it is a development and test
 * double, reset to its seed at start-up and by {@code POST /sandbox/admin/reset}.
 */
@Component
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class MetaSandbox {

    static final String USER_ID = "10000000000001";
    static final String OTHER_APP_ID = "999000000000999";
    static final String OTHER_APP_SECRET = "other-app-secret";
    static final List<String> PAGE_SCOPES = List.of("pages_show_list", "pages_read_engagement", "pages_manage_posts",
            "pages_manage_engagement", "read_insights");
    static final List<String> INSTAGRAM_SCOPES = List.of("instagram_basic", "instagram_content_publish",
            "instagram_manage_comments", "instagram_manage_insights");

    record App(String id, String name, String secret) {
    }

    record Page(String id, String name, String category, String instagramId, String instagramUsername) {
    }

    record User(String id, String name, List<Page> pages) {
    }

    record Grant(String appId, String userId, Set<String> scopes, Set<String> pageIds, Instant dataAccessExpiresAt) {
    }

    record Code(String value, String redirectUri, Grant grant, Instant expiresAt) {
    }

    enum Type { USER, PAGE }

    record Token(String value, Type type, String pageId, Grant grant, Instant issuedAt, Instant expiresAt,
            long session) {
    }

    private final SandboxProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, Code> codes = new ConcurrentHashMap<>();
    private final Map<String, Token> tokens = new ConcurrentHashMap<>();
    private final Set<String> usedCodes = ConcurrentHashMap.newKeySet();
    // Bumped by a password change: tokens of an older session stop working.
    private final Map<String, Long> sessions = new ConcurrentHashMap<>();
    private final Map<String, Set<String>> revokedPermissions = new ConcurrentHashMap<>();

    MetaSandbox(SandboxProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        reset();
    }

    /** Back to the seed: the app, the restaurant owner and the restaurant's Pages; no codes, no tokens. */
    synchronized void reset() {
        apps.clear();
        users.clear();
        codes.clear();
        usedCodes.clear();
        tokens.clear();
        sessions.clear();
        revokedPermissions.clear();
        apps.put(properties.appId(), new App(properties.appId(), "Forkcast", properties.appSecret()));
        apps.put(OTHER_APP_ID, new App(OTHER_APP_ID, "Someone Else's App", OTHER_APP_SECRET));
        users.put(USER_ID, new User(USER_ID, "Sam Sandbox", List.of(
                new Page("200000000000001", "Trattoria Sandbox", "Italian Restaurant", "17841400000000001",
                        "trattoria.sandbox"),
                new Page("200000000000002", "Trattoria Sandbox Catering", "Caterer", null, null))));
    }

    String primaryAppId() {
        return properties.appId();
    }

    Instant now() {
        return clock.instant();
    }

    Optional<App> app(String id) {
        return Optional.ofNullable(id == null ? null : apps.get(id));
    }

    Optional<User> user(String id) {
        return Optional.ofNullable(id == null ? null : users.get(id));
    }

    User sandboxUser() {
        return users.get(USER_ID);
    }

    /** The dialog's approval: a single-use code bound to the app, the redirect URI and what was granted. */
    String issueCode(String appId, String redirectUri, String userId, Set<String> scopes, Set<String> pageIds) {
        Grant grant = new Grant(appId, userId, Set.copyOf(scopes), Set.copyOf(pageIds),
                now().plus(properties.dataAccessLifetime()));
        String code = "AQ" + randomText(48);
        codes.put(code, new Code(code, redirectUri, grant, now().plus(properties.codeLifetime())));
        return code;
    }

    /** Exchanges a code: exactly once, within its life, for the redirect URI of the dialog. */
    Token redeemCode(String appId, String appSecret, String redirectUri, String code) {
        App app = authenticateApp(appId, appSecret);
        Code found = code == null ? null : codes.get(code);
        if (found == null && code != null && usedCodes.contains(code)) {
            throw SandboxGraphException.of(100, 36009, "This authorization code has been used.");
        }
        if (found == null) {
            throw SandboxGraphException.of(100, null, "Invalid verification code format.");
        }
        if (!found.grant().appId().equals(app.id())) {
            throw SandboxGraphException.of(100, null, "Invalid verification code format.");
        }
        if (!found.redirectUri().equals(redirectUri)) {
            throw SandboxGraphException.of(100, 36008, "Error validating verification code. Please make sure your "
                    + "redirect_uri is identical to the one you used in the OAuth dialog request");
        }
        if (now().isAfter(found.expiresAt())) {
            codes.remove(code);
            throw SandboxGraphException.of(100, 36007, "This authorization code has expired.");
        }
        if (!codes.remove(code, found)) {
            throw SandboxGraphException.of(100, 36009, "This authorization code has been used.");
        }
        usedCodes.add(code);
        return newToken(Type.USER, null, found.grant(), properties.userTokenLifetime());
    }

    /** {@code fb_exchange_token}: a valid user token of this app becomes a long-lived one. */
    Token exchange(String appId, String appSecret, String userToken) {
        App app = authenticateApp(appId, appSecret);
        Token token = validate(userToken, app.id());
        if (token.type() != Type.USER) {
            throw SandboxGraphException.of(100, null, "fb_exchange_token must be a user access token");
        }
        return newToken(Type.USER, null, token.grant(), properties.longLivedTokenLifetime());
    }

    /** A Page token for a user token's page: it never expires when the user token is long-lived. */
    Token pageToken(Token userToken, String pageId) {
        boolean longLived = userToken.expiresAt() == null
                || Duration.between(userToken.issuedAt(), userToken.expiresAt())
                        .compareTo(properties.userTokenLifetime()) > 0;
        Token page = new Token("EAAP" + randomText(40), Type.PAGE, pageId, userToken.grant(), now(),
                longLived ? null : userToken.expiresAt(), userToken.session());
        tokens.put(page.value(), page);
        return page;
    }

    Token issueDirectly(String appId, String userId, Duration lifetime, Set<String> scopes) {
        User user = user(userId).orElseThrow(() -> SandboxGraphException.of(100, null, "Unknown user " + userId));
        Set<String> pageIds = new LinkedHashSet<>();
        user.pages().forEach(page -> pageIds.add(page.id()));
        Grant grant = new Grant(appId, userId, Set.copyOf(scopes), pageIds, now().plus(properties.dataAccessLifetime()));
        return newToken(Type.USER, null, grant, lifetime);
    }

    /**
     * Checks a token the way Graph does: unknown, another app's, revoked by a password change, or expired is
     * code 190 with the subcode Meta uses.
     */
    Token validate(String value, String expectedAppId) {
        Token token = value == null ? null : tokens.get(value);
        if (token == null) {
            throw new SandboxGraphException(400, 190, null, false,
                    "Invalid OAuth access token - Cannot parse access token");
        }
        if (expectedAppId != null && !token.grant().appId().equals(expectedAppId)) {
            throw new SandboxGraphException(400, 190, 467, false,
                    "Error validating access token: the token was issued to another application.");
        }
        problem(token).ifPresent(problem -> {
            throw problem;
        });
        return token;
    }

    /** What is wrong with a known token, if anything. */
    Optional<SandboxGraphException> problem(Token token) {
        if (token.session() != session(token.grant().userId())) {
            return Optional.of(SandboxGraphException.of(190, 460, "Error validating access token: The session has "
                    + "been invalidated because the user changed their password or Facebook has changed the "
                    + "session for security reasons."));
        }
        if (token.expiresAt() != null && now().isAfter(token.expiresAt())) {
            return Optional.of(SandboxGraphException.of(190, 463, "Error validating access token: Session has "
                    + "expired on " + token.expiresAt() + ". The current time is " + now() + "."));
        }
        return Optional.empty();
    }

    Optional<Token> find(String value) {
        return Optional.ofNullable(value == null ? null : tokens.get(value));
    }

    /** The scopes a token has now: those granted, less those the user has since removed. */
    Set<String> scopes(Token token) {
        Set<String> scopes = new LinkedHashSet<>(token.grant().scopes());
        scopes.removeAll(revokedPermissions.getOrDefault(token.grant().userId(), Set.of()));
        return scopes;
    }

    App authenticateApp(String appId, String appSecret) {
        App app = app(appId).orElseThrow(() -> SandboxGraphException.of(101, null,
                "Error validating application. Invalid application ID."));
        if (appSecret == null || !MessageDigest.isEqual(app.secret().getBytes(StandardCharsets.UTF_8),
                appSecret.getBytes(StandardCharsets.UTF_8))) {
            throw SandboxGraphException.of(1, null, "Error validating client secret.");
        }
        return app;
    }

    /** An app token ({@code app-id|app-secret}), as debug_token takes. */
    App authenticateAppToken(String appToken) {
        int bar = appToken == null ? -1 : appToken.indexOf('|');
        if (bar < 0) {
            throw SandboxGraphException.of(190, null, "Invalid OAuth access token signature.");
        }
        try {
            return authenticateApp(appToken.substring(0, bar), appToken.substring(bar + 1));
        } catch (SandboxGraphException e) {
            throw SandboxGraphException.of(190, null, "Invalid OAuth access token signature.");
        }
    }

    void checkProof(Token token, String proof) {
        App app = apps.get(token.grant().appId());
        if (proof == null) {
            if (properties.requireAppsecretProof()) {
                throw SandboxGraphException.of(100, null, "API calls from the server require an appsecret_proof "
                        + "argument");
            }
            return;
        }
        if (!MessageDigest.isEqual(proof(app.secret(), token.value()).getBytes(StandardCharsets.US_ASCII),
                proof.getBytes(StandardCharsets.US_ASCII))) {
            throw SandboxGraphException.of(100, null, "Invalid appsecret_proof provided in the API argument");
        }
    }

    /** Simulates a password change: every token the user had stops working (190/460). */
    void changePassword(String userId) {
        user(userId).orElseThrow(() -> SandboxGraphException.of(100, null, "Unknown user " + userId));
        sessions.merge(userId, 1L, Long::sum);
    }

    /** Simulates the user removing one permission in their settings. */
    void revokePermission(String userId, String permission) {
        user(userId).orElseThrow(() -> SandboxGraphException.of(100, null, "Unknown user " + userId));
        revokedPermissions.computeIfAbsent(userId, id -> ConcurrentHashMap.newKeySet()).add(permission);
    }

    Optional<Page> page(String pageId) {
        return users.values().stream().flatMap(user -> user.pages().stream())
                .filter(page -> page.id().equals(pageId)).findFirst();
    }

    /** The granular scopes of a grant: Page permissions on the granted Pages, IG ones on their IG accounts. */
    Map<String, List<String>> granularScopes(Token token) {
        Map<String, List<String>> granular = new LinkedHashMap<>();
        List<String> pageIds = new ArrayList<>(token.grant().pageIds());
        List<String> instagramIds = pageIds.stream().map(this::page).flatMap(Optional::stream)
                .map(Page::instagramId).filter(id -> id != null).toList();
        for (String scope : scopes(token)) {
            if (PAGE_SCOPES.contains(scope)) {
                granular.put(scope, pageIds);
            } else if (INSTAGRAM_SCOPES.contains(scope)) {
                granular.put(scope, instagramIds);
            }
        }
        return granular;
    }

    private Token newToken(Type type, String pageId, Grant grant, Duration lifetime) {
        Token token = new Token("EAAS" + randomText(40), type, pageId, grant, now(),
                lifetime == null ? null : now().plus(lifetime), session(grant.userId()));
        tokens.put(token.value(), token);
        return token;
    }

    private long session(String userId) {
        return sessions.getOrDefault(userId, 0L);
    }

    private String randomText(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    static String proof(String secret, String token) {
        return HexFormat.of().formatHex(hmacSha256(secret, token.getBytes(StandardCharsets.UTF_8)));
    }

    /** HMAC-SHA256 under an app's secret: Meta's appsecret_proof and the signature of a signed_request. */
    static byte[] hmacSha256(String secret, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
