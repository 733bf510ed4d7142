package io.forkcast.audit;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The {@code audit_events} table: rows are added and read, never changed (there is no update here). */
@Component
class AuditStore {

    private static final String COLUMNS = "id, tenant_id, occurred_at, actor_type, actor_id, actor_name, action, "
            + "resource_type, resource_id, summary, ip_address, user_agent";

    private final JdbcClient jdbc;

    AuditStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID tenantId, AuditEvent event) {
        jdbc.sql("insert into audit_events (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(event.id(), tenantId, Timestamp.from(event.occurredAt()),
                        event.actor().type().wireName(), event.actor().id(), cut(event.actor().name(), 320),
                        event.action(), event.resourceType(), event.resourceId(), cut(event.summary(), 500),
                        cut(event.ipAddress(), 64), cut(event.userAgent(), 300))
                .update();
    }

    /** {@code limit + 1} records of the tenant matching the query, newest first, after {@code after}. */
    List<AuditEvent> find(UUID tenantId, AuditQuery query, UUID after, int limit) {
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from audit_events where tenant_id = ? "
                + "and id < ?");
        List<Object> params = new ArrayList<>(List.of(tenantId, after == null ? new UUID(-1L, -1L) : after));
        if (query.actorId() != null) {
            sql.append(" and actor_id = ?");
            params.add(query.actorId());
        }
        if (query.actorType() != null) {
            sql.append(" and actor_type = ?");
            params.add(query.actorType().wireName());
        }
        if (query.action() != null) {
            sql.append(" and action = ?");
            params.add(query.action());
        }
        if (query.resourceType() != null) {
            sql.append(" and resource_type = ?");
            params.add(query.resourceType());
        }
        if (query.resourceId() != null) {
            sql.append(" and resource_id = ?");
            params.add(query.resourceId());
        }
        if (query.from() != null) {
            sql.append(" and occurred_at >= ?");
            params.add(Timestamp.from(query.from()));
        }
        if (query.to() != null) {
            sql.append(" and occurred_at < ?");
            params.add(Timestamp.from(query.to()));
        }
        sql.append(" order by id desc fetch first ? rows only");
        params.add(limit + 1);
        return jdbc.sql(sql.toString()).params(params).query(ROW).list();
    }

    private static final RowMapper<AuditEvent> ROW = (rs, n) -> new AuditEvent(rs.getObject("id", UUID.class),
            instant(rs, "occurred_at"),
            new AuditActor(AuditActor.Type.valueOf(rs.getString("actor_type").toUpperCase()),
                    rs.getObject("actor_id", UUID.class), rs.getString("actor_name")),
            rs.getString("action"), rs.getString("resource_type"), rs.getString("resource_id"),
            rs.getString("summary"), rs.getString("ip_address"), rs.getString("user_agent"));

    private static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }
}
