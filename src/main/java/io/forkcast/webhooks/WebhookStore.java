package io.forkcast.webhooks;

import io.forkcast.vault.SealedSecret;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The webhook tables; every query names the tenant. */
@Repository
class WebhookStore {

    record EndpointRow(UUID id, UUID tenantId, String url, String description, List<WebhookEvent> events,
            SealedSecret secret, SealedSecret previousSecret, Instant previousSecretExpiresAt, boolean enabled,
            String disabledReason, Instant failingSince, Instant createdAt, Instant updatedAt) {

        WebhookEndpoint view() {
            return new WebhookEndpoint(id, url, description, events, enabled, disabledReason, failingSince,
                    previousSecretExpiresAt, createdAt, updatedAt);
        }
    }

    record MessageRow(UUID id, UUID tenantId, UUID endpointId, WebhookEvent type, String payload,
            WebhookMessage.Status status, int attempts, Instant nextAttemptAt, Instant deliveredAt,
            Instant createdAt) {
    }

    private static final String ENDPOINT_COLUMNS = "id, tenant_id, url, description, events, secret_key_id, "
            + "secret_nonce, secret_ciphertext, previous_secret_key_id, previous_secret_nonce, "
            + "previous_secret_ciphertext, previous_secret_expires_at, enabled, disabled_reason, failing_since, "
            + "created_at, updated_at";
    private static final String MESSAGE_COLUMNS = "id, tenant_id, endpoint_id, event_type, payload, status, attempts, "
            + "next_attempt_at, delivered_at, created_at";

    private final JdbcClient jdbc;

    WebhookStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(EndpointRow row) {
        jdbc.sql("insert into webhook_endpoints (" + ENDPOINT_COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                        + "?, ?, ?, ?, ?)")
                .params(row.id(), row.tenantId(), row.url(), row.description(), eventsText(row.events()),
                        row.secret().keyId(), row.secret().nonce(), row.secret().ciphertext(), null, null, null, null,
                        row.enabled(), row.disabledReason(), time(row.failingSince()), time(row.createdAt()),
                        time(row.updatedAt()))
                .update();
    }

    void update(EndpointRow row) {
        SealedSecret previous = row.previousSecret();
        jdbc.sql("update webhook_endpoints set url = ?, description = ?, events = ?, secret_key_id = ?, "
                        + "secret_nonce = ?, secret_ciphertext = ?, previous_secret_key_id = ?, "
                        + "previous_secret_nonce = ?, previous_secret_ciphertext = ?, previous_secret_expires_at = ?, "
                        + "enabled = ?, disabled_reason = ?, failing_since = ?, updated_at = ? "
                        + "where tenant_id = ? and id = ?")
                .params(row.url(), row.description(), eventsText(row.events()), row.secret().keyId(),
                        row.secret().nonce(), row.secret().ciphertext(),
                        previous == null ? null : previous.keyId(), previous == null ? null : previous.nonce(),
                        previous == null ? null : previous.ciphertext(), time(row.previousSecretExpiresAt()),
                        row.enabled(), row.disabledReason(), time(row.failingSince()), time(row.updatedAt()),
                        row.tenantId(), row.id())
                .update();
    }

    Optional<EndpointRow> endpoint(UUID tenantId, UUID id) {
        return jdbc.sql("select " + ENDPOINT_COLUMNS + " from webhook_endpoints where tenant_id = ? and id = ?")
                .params(tenantId, id).query(ENDPOINT).optional();
    }

    /** Locks the endpoint's row: attempts finishing at once update its failure state one after the other. */
    Optional<EndpointRow> lockEndpoint(UUID tenantId, UUID id) {
        return jdbc.sql("select " + ENDPOINT_COLUMNS + " from webhook_endpoints where tenant_id = ? and id = ? "
                        + "for update")
                .params(tenantId, id).query(ENDPOINT).optional();
    }

    /** {@code limit + 1} endpoints after {@code after} (null: from the first), oldest first. */
    List<EndpointRow> endpoints(UUID tenantId, UUID after, int limit) {
        return jdbc.sql("select " + ENDPOINT_COLUMNS + " from webhook_endpoints where tenant_id = ? and id > ? "
                        + "order by id fetch first ? rows only")
                .params(tenantId, after == null ? new UUID(0, 0) : after, limit + 1).query(ENDPOINT).list();
    }

    int countEndpoints(UUID tenantId) {
        return jdbc.sql("select count(*) from webhook_endpoints where tenant_id = ?").param(tenantId)
                .query(Integer.class).single();
    }

    boolean delete(UUID tenantId, UUID id) {
        return jdbc.sql("delete from webhook_endpoints where tenant_id = ? and id = ?").params(tenantId, id)
                .update() > 0;
    }

    List<EndpointRow> enabledEndpoints(UUID tenantId) {
        return jdbc.sql("select " + ENDPOINT_COLUMNS + " from webhook_endpoints where tenant_id = ? and enabled "
                        + "order by id")
                .param(tenantId).query(ENDPOINT).list();
    }

    /** Adds the message unless one for the same event already went to the endpoint; answers whether it did. */
    boolean insertIfAbsent(MessageRow row, String eventKey) {
        return jdbc.sql("insert into webhook_messages (" + MESSAGE_COLUMNS + ", event_key) "
                        // Typed: PostgreSQL reads an untyped parameter in a select list as text.
                        + "select ?, ?, ?, ?, ?, ?, ?, cast(? as timestamp with time zone), null, "
                        + "cast(? as timestamp with time zone), ? from (values (1)) as one (x) "
                        + "where not exists (select 1 from webhook_messages where endpoint_id = ? and event_key = ?)")
                .params(row.id(), row.tenantId(), row.endpointId(), row.type().wireName(), row.payload(),
                        row.status().name(), row.attempts(), time(row.nextAttemptAt()), time(row.createdAt()),
                        eventKey, row.endpointId(), eventKey)
                .update() > 0;
    }

    Optional<MessageRow> message(UUID tenantId, UUID id) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + " from webhook_messages where tenant_id = ? and id = ?")
                .params(tenantId, id).query(MESSAGE).optional();
    }

    /** {@code limit + 1} messages of the endpoint after {@code after} (null: from the newest), newest first. */
    List<MessageRow> messages(UUID tenantId, UUID endpointId, UUID after, int limit) {
        return jdbc.sql("select " + MESSAGE_COLUMNS + " from webhook_messages where tenant_id = ? and endpoint_id = ? "
                        + "and id < ? order by id desc fetch first ? rows only")
                .params(tenantId, endpointId, after == null ? new UUID(-1L, -1L) : after, limit + 1)
                .query(MESSAGE).list();
    }

    void update(MessageRow row) {
        jdbc.sql("update webhook_messages set status = ?, attempts = ?, next_attempt_at = ?, delivered_at = ? "
                        + "where tenant_id = ? and id = ?")
                .params(row.status().name(), row.attempts(), time(row.nextAttemptAt()), time(row.deliveredAt()),
                        row.tenantId(), row.id())
                .update();
    }

    void insertAttempt(UUID id, UUID tenantId, UUID messageId, WebhookMessage.Attempt attempt) {
        jdbc.sql("insert into webhook_attempts (id, tenant_id, message_id, attempted_at, status_code, latency_ms, "
                        + "error, response_excerpt) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(id, tenantId, messageId, time(attempt.attemptedAt()), attempt.statusCode(),
                        attempt.latencyMs(), attempt.error(), attempt.responseExcerpt())
                .update();
    }

    List<WebhookMessage.Attempt> attempts(UUID tenantId, UUID messageId) {
        return jdbc.sql("select attempted_at, status_code, latency_ms, error, response_excerpt from webhook_attempts "
                        + "where tenant_id = ? and message_id = ? order by attempted_at, id")
                .params(tenantId, messageId)
                .query((rs, n) -> new WebhookMessage.Attempt(instant(rs, "attempted_at"),
                        (Integer) rs.getObject("status_code", Integer.class), rs.getInt("latency_ms"),
                        rs.getString("error"), rs.getString("response_excerpt")))
                .list();
    }

    private static final RowMapper<EndpointRow> ENDPOINT = (rs, n) -> new EndpointRow(
            rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class), rs.getString("url"),
            rs.getString("description"), events(rs.getString("events")),
            new SealedSecret(rs.getString("secret_key_id"), rs.getString("secret_nonce"),
                    rs.getString("secret_ciphertext")),
            rs.getString("previous_secret_key_id") == null ? null
                    : new SealedSecret(rs.getString("previous_secret_key_id"), rs.getString("previous_secret_nonce"),
                    rs.getString("previous_secret_ciphertext")),
            instant(rs, "previous_secret_expires_at"), rs.getBoolean("enabled"), rs.getString("disabled_reason"),
            instant(rs, "failing_since"), instant(rs, "created_at"), instant(rs, "updated_at"));

    private static final RowMapper<MessageRow> MESSAGE = (rs, n) -> new MessageRow(
            rs.getObject("id", UUID.class), rs.getObject("tenant_id", UUID.class),
            rs.getObject("endpoint_id", UUID.class), WebhookEvent.fromWire(rs.getString("event_type")).orElseThrow(),
            rs.getString("payload"), WebhookMessage.Status.valueOf(rs.getString("status")), rs.getInt("attempts"),
            instant(rs, "next_attempt_at"), instant(rs, "delivered_at"), instant(rs, "created_at"));

    private static String eventsText(List<WebhookEvent> events) {
        return String.join(",", events.stream().map(WebhookEvent::wireName).toList());
    }

    private static List<WebhookEvent> events(String text) {
        return Arrays.stream(text.split(",")).map(name -> WebhookEvent.fromWire(name).orElseThrow()).toList();
    }

    private static Timestamp time(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
