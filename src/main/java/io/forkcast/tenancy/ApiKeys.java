package io.forkcast.tenancy;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.PageRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Tenants' API keys: created with 256 random bits, stored as a SHA-256 hash and a short prefix, shown once.
 *
 * <p>Verified keys are kept in memory for {@code forkcast.tenancy.api-key-cache-ttl} so that the hot path of
 * every request does not read the database; {@code last_used_at} is written at most once a minute per key. A key in
 * use is read again in the background once half that time has passed (its callers go on with what is known), and
 * a key not yet known is read once however many requests present it at the same moment: a busy key never makes all
 * of its requests wait on the database together when its entry ages out.
 */
@Service
public class ApiKeys {

    static final String KEY_PREFIX = "fk_";
    private static final int PREFIX_LENGTH = KEY_PREFIX.length() + 8;
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
    private static final Set<ApiKeyScope> DEFAULT_SCOPES = EnumSet.of(ApiKeyScope.READ, ApiKeyScope.WRITE);

    /** A key that authenticated: whose it is and what it may do. */
    record VerifiedKey(UUID keyId, String name, TenantId tenantId, Set<ApiKeyScope> scopes, String planName,
            Instant lastRecordedUse, boolean accountClosed) {
    }

    /** A key just created, with its secret: the only time the secret exists outside the caller's hands. */
    public record CreatedApiKey(ApiKey key, String secret) {
    }

    private final ApiKeyRepository keys;
    private final TenantRepository tenants;
    private final TenantClosureRepository closures;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final LoadingCache<String, VerifiedKey> verified;
    private final ApplicationEventPublisher events;

    ApiKeys(ApiKeyRepository keys, TenantRepository tenants, TenantClosureRepository closures,
            CurrentTenant currentTenant, TransactionTemplate transactions, TenancyProperties properties, Clock clock,
            ApplicationEventPublisher events) {
        this.events = events;
        this.keys = keys;
        this.tenants = tenants;
        this.closures = closures;
        this.currentTenant = currentTenant;
        this.transactions = transactions;
        this.clock = clock;
        Duration ttl = properties.apiKeyCacheTtl();
        // Timed by the application's clock, as everything else that expires.
        Caffeine<Object, Object> cache = Caffeine.newBuilder().expireAfterWrite(ttl).maximumSize(100_000)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()));
        if (ttl.toNanos() > 1) {
            cache.refreshAfterWrite(ttl.dividedBy(2));
        }
        // The loader answers null for an unknown or revoked key: nothing is kept, and a refresh drops the entry.
        this.verified = cache.build(hash -> lookUp(hash).orElse(null));
    }

    @Transactional
    public CreatedApiKey create(TenantId tenantId, NewApiKey request) {
        tenants.requireExists(tenantId.value());
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Set<ApiKeyScope> scopes = request.scopes() == null || request.scopes().isEmpty()
                ? DEFAULT_SCOPES
                : request.scopes();
        ApiKey key = keys.save(new ApiKey(tenantId, request.name().strip(), secret.substring(0, PREFIX_LENGTH),
                sha256(secret), scopes, clock.instant()));
        events.publishEvent(new ApiKeyChanged(tenantId, key.id(), key.name(), ApiKeyChanged.Change.CREATED,
                scopesText(key)));
        return new CreatedApiKey(key, secret);
    }

    @Transactional(readOnly = true)
    public CursorPage<ApiKey> list(TenantId tenantId, PageRequest page) {
        tenants.requireExists(tenantId.value());
        Limit limit = Limit.of(page.size() + 1);
        List<ApiKey> rows = page.after() == null
                ? keys.findByTenantIdOrderByIdAsc(tenantId.value(), limit)
                : keys.findByTenantIdAndIdGreaterThanOrderByIdAsc(tenantId.value(), page.after(), limit);
        return CursorPage.of(rows, page.size(), ApiKey::id, k -> k);
    }

    @Transactional(readOnly = true)
    public ApiKey get(TenantId tenantId, UUID keyId) {
        return keys.findByTenantIdAndId(tenantId.value(), keyId).orElseThrow(() -> DomainException.notFound("API key"));
    }

    /** The key, if the tenant has one with that id (answers rather than refuses: for the audit trail's actor). */
    @Transactional(readOnly = true)
    public Optional<ApiKey> find(TenantId tenantId, UUID keyId) {
        return keys.findByTenantIdAndId(tenantId.value(), keyId);
    }

    /** Revokes a key at once; revoking a revoked key changes nothing. */
    @Transactional
    public ApiKey revoke(TenantId tenantId, UUID keyId) {
        ApiKey key = get(tenantId, keyId);
        boolean active = key.revokedAt() == null;
        key.revoke(clock.instant());
        verified.asMap().values().removeIf(v -> v.keyId().equals(keyId));
        ApiKey saved = keys.save(key);
        if (active) {
            events.publishEvent(new ApiKeyChanged(tenantId, keyId, key.name(), ApiKeyChanged.Change.REVOKED,
                    scopesText(key)));
        }
        return saved;
    }

    private static String scopesText(ApiKey key) {
        return key.scopes().stream().map(ApiKeyScope::wireName).sorted().collect(Collectors.joining(", "));
    }

    /**
     * Checks a presented bearer secret. This is the one lookup that crosses tenants (the tenant is what it finds
     * out), so it runs as platform work.
     */
    // A key of a closed account is found (and cached) with accountClosed set, so the caller can say why it is refused.
    Optional<VerifiedKey> verify(String secret) {
        if (secret == null || !secret.startsWith(KEY_PREFIX) || secret.length() > 128) {
            return Optional.empty();
        }
        String hash = sha256(secret);
        Optional<VerifiedKey> found = Optional.ofNullable(verified.get(hash));
        found.ifPresent(key -> recordUseIfDue(hash, key));
        return found;
    }

    private Optional<VerifiedKey> lookUp(String hash) {
        return currentTenant.callAsPlatform("authenticating an API key",
                () -> transactions.execute(status -> keys.findBySecretSha256(hash)
                        .filter(key -> !key.isRevoked())
                        .flatMap(key -> tenants.findById(key.tenantId().value())
                                .map(tenant -> new VerifiedKey(key.id(), key.name(), key.tenantId(), key.scopes(),
                                        tenant.planName(), key.lastUsedAt(),
                                        closures.existsById(tenant.id().value()))))));
    }

    /** Forgets what the cache knows about a tenant's keys (deleted, closed or restored tenant, changed plan). */
    void forgetTenant(TenantId tenantId) {
        verified.asMap().values().removeIf(v -> v.tenantId().equals(tenantId));
    }

    private void recordUseIfDue(String hash, VerifiedKey key) {
        Instant now = clock.instant();
        if (key.lastRecordedUse() != null && key.lastRecordedUse().plus(LAST_USED_RESOLUTION).isAfter(now)) {
            return;
        }
        VerifiedKey updated = new VerifiedKey(key.keyId(), key.name(), key.tenantId(), key.scopes(), key.planName(),
                now, key.accountClosed());
        // Only the thread that swaps the entry writes, so a burst of requests writes once.
        if (verified.asMap().replace(hash, key, updated)) {
            currentTenant.callAsTenant(key.tenantId(), null, () -> transactions.execute(
                    status -> keys.recordUse(key.tenantId().value(), key.keyId(), now)));
        }
    }

    static String sha256(String secret) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
