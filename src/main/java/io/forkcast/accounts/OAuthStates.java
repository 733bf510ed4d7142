package io.forkcast.accounts;

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
 * The OAuth state of connect links in progress ({@code oauth_state}): 256 random bits naming the tenant and the
 * exact redirect URI, consumed exactly once by the callback, expired after {@code stateLifetime}.
 */
@Component
class OAuthStates {

    private static final Logger log = LoggerFactory.getLogger(OAuthStates.class);

    enum Status { VALID, UNKNOWN, EXPIRED }

    record Consumed(Status status, TenantId tenantId, URI redirectUri) {
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
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String state = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant expiresAt = now.plus(properties.stateLifetime());
        jdbc.sql("insert into oauth_state (state, tenant_id, redirect_uri, expires_at, created_at) values (?, ?, ?, ?, ?)")
                .params(state, tenantId.value(), redirectUri.toString(), utc(expiresAt), utc(now))
                .update();
        return new NewState(state, expiresAt);
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
        Optional<Row> row = jdbc.sql("select tenant_id, redirect_uri, expires_at from oauth_state where state = ?")
                .param(state)
                .query((rs, n) -> new Row(rs.getObject(1, UUID.class), rs.getString(2),
                        rs.getObject(3, OffsetDateTime.class).toInstant()))
                .optional();
        if (row.isEmpty()) {
            return new Consumed(Status.UNKNOWN, null, null);
        }
        int deleted;
        try {
            deleted = jdbc.sql("delete from oauth_state where state = ?").param(state).update();
        } catch (ConcurrencyFailureException raced) {
            return new Consumed(Status.UNKNOWN, null, null);
        }
        if (deleted != 1) {
            return new Consumed(Status.UNKNOWN, null, null);
        }
        Row found = row.get();
        if (!clock.instant().isBefore(found.expiresAt())) {
            return new Consumed(Status.EXPIRED, new TenantId(found.tenantId()), null);
        }
        return new Consumed(Status.VALID, new TenantId(found.tenantId()), URI.create(found.redirectUri()));
    }

    private record Row(UUID tenantId, String redirectUri, Instant expiresAt) {
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
