package io.forkcast.sandbox.google;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Google's state as the sandbox plays it, in memory: a Google user who owns a Business Profile account with two
 * restaurant locations, the authorization codes, grants, refresh and access tokens Google issues, the local posts of
 * each location, and the project's per-minute quota. Reset at start-up and by the admin endpoint.
 */
@Component
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class GoogleSandbox {

    static final String SCOPE = "https://www.googleapis.com/auth/business.manage";

    record Location(String name, String title, String addressLine, String locality) {
    }

    record Account(String name, String accountName, String type, List<Location> locations) {
    }

    record User(String id, String email, List<Account> accounts) {
    }

    private record Code(String userId, String redirectUri, String challenge, String challengeMethod,
            List<String> scopes, Instant expiresAt) {
    }

    /** One consent: what a refresh token stands for; revoking it ends every token of the grant. */
    static final class Grant {
        final String id;
        final String userId;
        final List<String> scopes;
        boolean revoked;

        Grant(String id, String userId, List<String> scopes) {
            this.id = id;
            this.userId = userId;
            this.scopes = scopes;
        }
    }

    private record AccessToken(Grant grant, Instant expiresAt) {
    }

    /** What the token endpoint hands out. */
    record Issued(String accessToken, long expiresIn, String refreshToken, List<String> scopes) {
    }

    /** A local post as stored: Google's JSON plus when it stops processing and how it ends. */
    static final class Post {
        final Map<String, Object> json;
        final Instant processedAt;
        final String finalState;

        Post(Map<String, Object> json, Instant processedAt, String finalState) {
            this.json = json;
            this.processedAt = processedAt;
            this.finalState = finalState;
        }
    }

    private final GoogleSandboxProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    private User user;
    private final Map<String, Code> codes = new HashMap<>();
    private final Map<String, Grant> refreshTokens = new HashMap<>();
    private final Map<String, AccessToken> accessTokens = new HashMap<>();
    private final Map<String, List<Post>> posts = new LinkedHashMap<>();
    private int rejectNext;
    private int quotaPerMinute;
    private Instant quotaWindow = Instant.EPOCH;
    private int quotaUsed;

    GoogleSandbox(GoogleSandboxProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        reset();
    }

    synchronized void reset() {
        user = new User("112233445566778899001", "giulia@trattoria-sandbox.example", List.of(
                new Account("accounts/107000000000000000001", "Giulia Rossi", "PERSONAL", List.of(
                        new Location("locations/4200000000000000001", "Trattoria Sandbox", "Via Roma 1", "Bologna"),
                        new Location("locations/4200000000000000002", "Trattoria Sandbox Catering",
                                "Via Emilia 12", "Bologna")))));
        codes.clear();
        refreshTokens.clear();
        accessTokens.clear();
        posts.clear();
        rejectNext = 0;
        quotaPerMinute = properties.requestsPerMinute();
        quotaUsed = 0;
        quotaWindow = Instant.EPOCH;
    }

    synchronized User user() {
        return user;
    }

    boolean knownClient(String clientId) {
        return properties.clientId().equals(clientId);
    }

    boolean clientAuthenticates(String clientId, String clientSecret) {
        return knownClient(clientId) && MessageDigest.isEqual(bytes(properties.clientSecret()), bytes(clientSecret));
    }

    /** A code for the consent just given; it remembers the redirect URI and the PKCE challenge. */
    synchronized String issueCode(String redirectUri, String challenge, String challengeMethod, List<String> scopes) {
        String code = "4/0A" + token(40);
        codes.put(code, new Code(user.id(), redirectUri, challenge, challengeMethod, List.copyOf(scopes),
                clock.instant().plus(properties.codeLifetime())));
        return code;
    }

    /** Exchanges a code: single use, unexpired, the same redirect URI, and the verifier matching the challenge. */
    synchronized Issued exchangeCode(String code, String redirectUri, String verifier) {
        Code found = code == null ? null : codes.remove(code);
        if (found == null) {
            throw GoogleApiException.oauth(400, "invalid_grant", "Malformed auth code.");
        }
        if (!clock.instant().isBefore(found.expiresAt())) {
            throw GoogleApiException.oauth(400, "invalid_grant", "Bad Request");
        }
        if (!found.redirectUri().equals(redirectUri)) {
            throw GoogleApiException.oauth(400, "redirect_uri_mismatch", "Bad Request");
        }
        if (found.challenge() != null) {
            if (verifier == null || verifier.isEmpty()) {
                throw GoogleApiException.oauth(400, "invalid_grant", "Missing code verifier.");
            }
            String computed = "plain".equals(found.challengeMethod()) ? verifier : challengeOf(verifier);
            if (!MessageDigest.isEqual(bytes(computed), bytes(found.challenge()))) {
                throw GoogleApiException.oauth(400, "invalid_grant", "Invalid code verifier.");
            }
        }
        Grant grant = new Grant(token(12), found.userId(), found.scopes());
        String refresh = "1//0" + token(60);
        refreshTokens.put(refresh, grant);
        return new Issued(newAccessToken(grant), properties.accessTokenLifetime().toSeconds(), refresh,
                grant.scopes);
    }

    synchronized Issued refresh(String refreshToken) {
        Grant grant = refreshToken == null ? null : refreshTokens.get(refreshToken);
        if (grant == null || grant.revoked) {
            throw GoogleApiException.oauth(400, "invalid_grant", "Token has been expired or revoked.");
        }
        return new Issued(newAccessToken(grant), properties.accessTokenLifetime().toSeconds(), null, grant.scopes);
    }

    /** Revokes the grant behind an access or a refresh token; false when the token is unknown or already dead. */
    synchronized boolean revoke(String token) {
        Grant grant = refreshTokens.get(token);
        if (grant == null) {
            AccessToken access = accessTokens.get(token);
            grant = access == null ? null : access.grant();
        }
        if (grant == null || grant.revoked) {
            return false;
        }
        grant.revoked = true;
        return true;
    }

    /** The user removes the app from their Google account: every grant ends. */
    synchronized int revokeAllGrants() {
        int revoked = 0;
        for (Grant grant : refreshTokens.values()) {
            if (!grant.revoked) {
                grant.revoked = true;
                revoked++;
            }
        }
        return revoked;
    }

    /** Every access token issued so far expires now (refresh tokens live on). */
    synchronized int expireAccessTokens() {
        Instant now = clock.instant();
        accessTokens.replaceAll((token, access) -> new AccessToken(access.grant(), now));
        return accessTokens.size();
    }

    synchronized int activeGrants() {
        return (int) refreshTokens.values().stream().filter(grant -> !grant.revoked).count();
    }

    /**
     * The grant of a bearer token, or Google's 401 when the token is missing, unknown, expired or revoked; a grant
     * without the Business Profile scope is a 403.
     */
    synchronized Grant authenticate(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            throw GoogleApiException.unauthenticated("CREDENTIALS_MISSING");
        }
        AccessToken access = accessTokens.get(authorization.substring("Bearer ".length()).strip());
        if (access == null || access.grant().revoked) {
            throw GoogleApiException.unauthenticated("ACCESS_TOKEN_TYPE_UNSUPPORTED");
        }
        if (!clock.instant().isBefore(access.expiresAt())) {
            throw GoogleApiException.unauthenticated("ACCESS_TOKEN_EXPIRED");
        }
        if (!access.grant().scopes.contains(SCOPE)) {
            throw GoogleApiException.permissionDenied("Request had insufficient authentication scopes.",
                    "ACCESS_TOKEN_SCOPE_INSUFFICIENT");
        }
        return access.grant();
    }

    /**
     * Counts one Business Profile API request against the project's per-minute quota; over it, Google's 429
     * {@code RESOURCE_EXHAUSTED} with the quota named.
     */
    synchronized void takeQuota(String service) {
        Instant minute = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        if (!minute.equals(quotaWindow)) {
            quotaWindow = minute;
            quotaUsed = 0;
        }
        if (quotaUsed >= quotaPerMinute) {
            throw GoogleApiException.api(429, "RESOURCE_EXHAUSTED", "Quota exceeded for quota metric 'Requests' and "
                    + "limit 'Requests per minute' of service '" + service + "' for consumer 'project_number:"
                    + "424242424242'.", List.of(
                    GoogleApiException.errorInfo("RATE_LIMIT_EXCEEDED", Map.of(
                            "service", service,
                            "consumer", "projects/424242424242",
                            "quota_metric", service + "/default_requests",
                            "quota_limit", "DefaultRequestsPerMinutePerProject",
                            "quota_limit_value", Integer.toString(quotaPerMinute))),
                    Map.of("@type", "type.googleapis.com/google.rpc.Help", "links", List.of(Map.of(
                            "description", "Request a higher quota limit.",
                            "url", "https://cloud.google.com/docs/quotas/help/request_increase")))));
        }
        quotaUsed++;
    }

    synchronized void setQuota(int perMinute) {
        quotaPerMinute = perMinute;
    }

    /** The account of the grant's user by resource name, or Google's 403 when the user has no access to it. */
    synchronized Account account(Grant grant, String name) {
        return user.accounts().stream().filter(a -> a.name().equals(name) && user.id().equals(grant.userId))
                .findFirst()
                .orElseThrow(() -> GoogleApiException.permissionDenied("The caller does not have permission",
                        "PERMISSION_DENIED"));
    }

    synchronized Location location(Grant grant, String account, String location) {
        return account(grant, account).locations().stream().filter(l -> l.name().equals(location)).findFirst()
                .orElseThrow(() -> GoogleApiException.permissionDenied("The caller does not have permission",
                        "PERMISSION_DENIED"));
    }

    /** Stores a validated post as {@code PROCESSING}; it turns {@code LIVE} (or {@code REJECTED}) when processed. */
    synchronized Map<String, Object> addPost(String parent, Map<String, Object> json) {
        Instant now = clock.instant();
        String id = Long.toUnsignedString(random.nextLong() & Long.MAX_VALUE);
        String name = parent + "/localPosts/" + id;
        json.put("name", name);
        json.put("createTime", now.toString());
        json.put("updateTime", now.toString());
        json.put("searchUrl", "https://local.google.com/place?id=" + Math.abs(parent.hashCode()) + "&use=posts&lpsid="
                + id);
        String ending = "LIVE";
        if (rejectNext > 0) {
            rejectNext--;
            ending = "REJECTED";
        }
        Post post = new Post(json, now.plus(properties.postProcessingTime()), ending);
        posts.computeIfAbsent(parent, p -> new ArrayList<>()).add(0, post);
        return view(post);
    }

    synchronized List<Map<String, Object>> posts(String parent) {
        return posts.getOrDefault(parent, List.of()).stream().map(this::view).toList();
    }

    synchronized Optional<Map<String, Object>> post(String name) {
        return posts.values().stream().flatMap(List::stream).filter(p -> name.equals(p.json.get("name")))
                .findFirst().map(this::view);
    }

    synchronized boolean deletePost(String name) {
        return posts.values().stream().anyMatch(list -> list.removeIf(p -> name.equals(p.json.get("name"))));
    }

    /** Every post of every location, for the admin page and tests. */
    synchronized Map<String, List<Map<String, Object>>> allPosts() {
        Map<String, List<Map<String, Object>>> all = new LinkedHashMap<>();
        posts.forEach((parent, list) -> all.put(parent, list.stream().map(this::view).toList()));
        return all;
    }

    synchronized void rejectNext(int times) {
        rejectNext = times;
    }

    private Map<String, Object> view(Post post) {
        Map<String, Object> json = new LinkedHashMap<>(post.json);
        json.put("state", clock.instant().isBefore(post.processedAt) ? "PROCESSING" : post.finalState);
        return json;
    }

    private String newAccessToken(Grant grant) {
        String token = "ya29.a0" + token(80);
        accessTokens.put(token, new AccessToken(grant, clock.instant().plus(properties.accessTokenLifetime())));
        return token;
    }

    private String token(int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }

    static String challengeOf(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    static boolean absoluteHttp(String uri) {
        try {
            URI parsed = URI.create(uri);
            return parsed.isAbsolute() && Set.of("http", "https").contains(parsed.getScheme()) && parsed.getHost() != null
                    && parsed.getFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] bytes(String text) {
        return (text == null ? "" : text).getBytes(StandardCharsets.UTF_8);
    }

    Duration postProcessingTime() {
        return properties.postProcessingTime();
    }
}
