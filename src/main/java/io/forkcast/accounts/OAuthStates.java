package io.forkcast.accounts;

import io.forkcast.shared.Platform;
import io.forkcast.tenancy.Actor;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

/**
 * The OAuth state of connect links in progress ({@code oauth_state}): 256 random bits naming the tenant, the
 * network, the exact redirect URI and (for Google) the PKCE code verifier, consumed exactly once by the callback,
 * expired after {@code stateLifetime}. A state is only ever consumed by the callback of its own network. It keeps who
 * asked for the link (the request's actor), since the callback, authenticated by the state alone, has no caller.
 */
@Component
class OAuthStates {

    private static final Logger log = LoggerFactory.getLogger(OAuthStates.class);

    enum Status { VALID, UNKNOWN, EXPIRED }

    /**
     * {@code codeVerifier}: the PKCE verifier of a Google link (null for Facebook); {@code startedBy}: who asked for
     * the link (null for a link made with no caller, or before Forkcast kept it).
     */
    record Consumed(Status status, TenantId tenantId, URI redirectUri, String codeVerifier, Actor startedBy) {

        static Consumed unknown() {
            return new Consumed(Status.UNKNOWN, null, null, null, null);
        }
    }

    private final JdbcClient jdbc;
    private final AccountsProperties properties;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    OAuthStates(JdbcClient jdbc, AccountsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** A new state for a tenant's connect link; returns it with its expiry. */
    @Transactional
    NewState create(TenantId tenantId, URI redirectUri) {
        return create(tenantId, redirectUri, Platform.FACEBOOK, null);
    }

    /**
     * A new state for a connect link to {@code platform}, keeping the PKCE verifier when there is one and the
     * request's actor.
     */
    @Transactional
    NewState create(TenantId tenantId, URI redirectUri, Platform platform, String codeVerifier) {
        String state = randomToken();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = now.plus(properties.stateLifetime());
        Actor startedBy = Actor.current().orElse(null);
        jdbc.sql("insert into oauth_state (state, tenant_id, redirect_uri, expires_at, created_at, platform, "
                        + "code_verifier, started_by_kind, started_by_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(state, tenantId.value(), redirectUri.toString(), utc(expiresAt), utc(now),
                        platform.wireName(), codeVerifier, startedBy == null ? null : startedBy.kind().wireName(),
                        startedBy == null ? null : startedBy.id())
                .update();
        return new NewState(state, expiresAt);
    }

    /** 256 random bits, base64url: a state, or a PKCE code verifier (43 characters, as RFC 7636 allows). */
    String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    record NewState(String state, Instant expiresAt) {
    }

    /**
     * Consumes a state: reads it and deletes it in one transaction of its own, committed before anything else
     * happens. Of two callbacks racing with the same state, only the one whose delete removed the row wins;
     * the other sees it unknown (already used).
     */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Consumed consume(String state) {
        return consume(state, Platform.FACEBOOK);
    }

    /** Consumes a state of {@code platform}'s callback; another network's state is unknown here (and stays). */
    @Transactional(propagation = Propagation.REQUIRES_NEW)
    Consumed consume(String state, Platform platform) {
        Optional<Row> row = jdbc.sql("select tenant_id, redirect_uri, expires_at, code_verifier, started_by_kind, "
                        + "started_by_id from oauth_state where state = ? and platform = ?")
                .params(state, platform.wireName())
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getString(4),
                        Actor.stored(rs.getString(5), rs.getObject(6, UUID.class)).orElse(null)))
                .optional();
        if (row.isEmpty()) {
            return Consumed.unknown();
        }
        int deleted;
        try {
            deleted = jdbc.sql("delete from oauth_state where state = ?").param(state).update();
        } catch (ConcurrencyFailureException raced) {
            return Consumed.unknown();
        }
        if (deleted != 1) {
            return Consumed.unknown();
        }
        Row found = row.get();
        if (!clock.instant().isBefore(found.expiresAt())) {
            return new Consumed(Status.EXPIRED, new TenantId(found.tenantId()), null, null, found.startedBy());
        }
        return new Consumed(Status.VALID, new TenantId(found.tenantId()), URI.create(found.redirectUri()),
                found.codeVerifier(), found.startedBy());
    }

    private record Row(UUID tenantId, String redirectUri, Instant expiresAt, String codeVerifier, Actor startedBy) {
    }

    /** Deletes every expired state (the hourly job); returns how many. */
    @Transactional
    int deleteExpired() {
        int deleted = jdbc.sql("delete from oauth_state where expires_at <= ?").param(utc(clock.instant())).update();
        log.info("Deleted {} expired OAuth states", deleted);
        return deleted;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

}
