package io.forkcast.audit.internal;

import org.h2.api.Trigger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/**
 * On H2, which has no roles, what the revoked rights do on PostgreSQL: a row of {@code audit_events} is never
 * updated, and deleted only when its tenant is gone (the cascade of the tenant's deletion) or when the retention
 * purge asked for rows older than {@value #PURGE_BEFORE} and the row is. Installed by the H2 migration V143; public
 * only because H2 instantiates it by name.
 */
public final class AuditEventsGuard implements Trigger {

    /** The session variable the retention purge sets to its cutoff for its own statement. */
    public static final String PURGE_BEFORE = "@forkcast_audit_purge_before";

    private static final int TENANT_ID = 1;
    private static final int OCCURRED_AT = 2;

    @Override
    public void fire(Connection connection, Object[] oldRow, Object[] newRow) throws SQLException {
        boolean delete = newRow == null;
        if (delete && (tenantGone(connection, oldRow[TENANT_ID]) || purged(connection, oldRow[OCCURRED_AT]))) {
            return;
        }
        // SQLSTATE 42501, insufficient privilege: what PostgreSQL answers the application's role.
        throw new SQLException("Audit records cannot be " + (delete ? "deleted" : "changed")
                + "; only the retention purge removes old ones.", "42501");
    }

    private static boolean tenantGone(Connection connection, Object tenantId) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select count(*) from tenants where id = ?")) {
            query.setObject(1, tenantId);
            try (ResultSet rows = query.executeQuery()) {
                return rows.next() && rows.getLong(1) == 0;
            }
        }
    }

    private static boolean purged(Connection connection, Object occurredAt) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select " + PURGE_BEFORE);
                ResultSet rows = query.executeQuery()) {
            if (!rows.next()) {
                return false;
            }
            OffsetDateTime cutoff = rows.getObject(1, OffsetDateTime.class);
            return cutoff != null && occurredAt instanceof OffsetDateTime at && at.isBefore(cutoff);
        }
    }
}
