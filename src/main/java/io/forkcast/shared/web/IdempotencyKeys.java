package io.forkcast.shared.web;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The remembered Idempotency-Keys of each tenant ({@code idempotency_keys}): the hash of the request a key was first
 * used with, and the response it answered. Public so that a job of a module that may cross tenants can call
 * {@link #forgetExpired()}.
 */
@Component
public class IdempotencyKeys {

    /** What a key was used for: the request's hash, and the first response (null while it is being handled). */
    record Used(String requestHash, Integer status, String contentType, byte[] body) {
    }

    private final JdbcTemplate jdbc;
    private final IdempotencyProperties properties;
    private final Clock clock;

    IdempotencyKeys(JdbcTemplate jdbc, IdempotencyProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Claims a tenant's key for a request, forgetting it first when it has expired. Empty when the key is now this
     * request's; otherwise what it is already used for. A concurrent claim of the same key waits for the other
     * transaction and then sees its outcome.
     */
    /** Whether the tenant exists: a key is kept only for one (an unknown tenant's path answers 404 without it). */
    boolean tenantExists(UUID tenantId) {
        return jdbc.queryForObject("select count(*) from tenants where id = ?", Integer.class, tenantId) > 0;
    }

    Optional<Used> claim(UUID tenantId, String key, String requestHash) {
        Instant now = clock.instant();
        jdbc.update("delete from idempotency_keys where tenant_id = ? and idem_key = ? and created_at < ?",
                tenantId, key, Timestamp.from(now.minus(properties.keyTtl())));
        int claimed = jdbc.update("insert into idempotency_keys (tenant_id, idem_key, request_hash, created_at) "
                + "values (?, ?, ?, ?) on conflict do nothing", tenantId, key, requestHash, Timestamp.from(now));
        if (claimed == 1) {
            return Optional.empty();
        }
        return jdbc.query("select request_hash, response_status, response_content_type, response_body "
                        + "from idempotency_keys where tenant_id = ? and idem_key = ?",
                (rs, n) -> new Used(rs.getString(1), (Integer) rs.getObject(2), rs.getString(3), rs.getBytes(4)),
                tenantId, key).stream().findFirst();
    }

    void remember(UUID tenantId, String key, int status, String contentType, byte[] body) {
        jdbc.update("update idempotency_keys set response_status = ?, response_content_type = ?, response_body = ? "
                + "where tenant_id = ? and idem_key = ?", status, contentType, body, tenantId, key);
    }

    /** Lets the key go: its request's answer must not be kept (it carries a secret shown once). */
    void release(UUID tenantId, String key) {
        jdbc.update("delete from idempotency_keys where tenant_id = ? and idem_key = ?", tenantId, key);
    }

    /**
     * Forgets the keys of every tenant older than {@code forkcast.idempotency.key-ttl}; answers how many. Crosses
     * tenants: the caller runs it as the platform.
     */
    public int forgetExpired() {
        return jdbc.update("delete from idempotency_keys where created_at < ?",
                Timestamp.from(clock.instant().minus(properties.keyTtl())));
    }
}
