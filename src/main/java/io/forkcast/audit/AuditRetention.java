package io.forkcast.audit;

import io.forkcast.audit.internal.AuditEventsGuard;
import io.forkcast.shared.retention.RetainedData;
import io.forkcast.shared.retention.RetentionPurge;
import io.forkcast.tenancy.CurrentTenant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Records older than {@code forkcast.retention.audit} go, a batch per transaction. On PostgreSQL the application's
 * role may not delete them: the purge calls a function that runs as the table's owner and deletes only rows older
 * than the cutoff. On H2 a trigger stands in for the revoked rights and lets through only rows older than the cutoff
 * the purge announces in its session.
 */
@Configuration(proxyBeanMethods = false)
class AuditRetention {

    @Bean
    RetentionPurge auditEventsRetention(JdbcClient jdbc, DataSource dataSource, CurrentTenant currentTenant,
            PlatformTransactionManager transactions) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return new RetentionPurge(RetainedData.AUDIT, (cutoff, batch) -> currentTenant.callAsPlatform(
                "retention: the audit trail of every tenant", () -> tx.execute(status -> postgres(dataSource)
                        ? jdbc.sql("select forkcast_purge_audit_events(?, ?)")
                                .params(cutoff.atOffset(ZoneOffset.UTC), batch).query(Integer.class).single()
                        : purgeOnH2(jdbc, cutoff.atOffset(ZoneOffset.UTC), batch))));
    }

    /** H2's guard lets the delete through for rows older than the cutoff the session announces (V143). */
    private static int purgeOnH2(JdbcClient jdbc, OffsetDateTime cutoff, int batch) {
        jdbc.sql("set " + AuditEventsGuard.PURGE_BEFORE + " = ?").param(cutoff).update();
        try {
            return jdbc.sql("delete from audit_events where id in (select id from audit_events "
                            + "where occurred_at < ? fetch first ? rows only)")
                    .params(cutoff, batch).update();
        } finally {
            jdbc.sql("set " + AuditEventsGuard.PURGE_BEFORE + " = null").update();
        }
    }

    private static boolean postgres(DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseProductName().equals("PostgreSQL");
        } catch (SQLException e) {
            throw new IllegalStateException("Could not tell which database this is", e);
        }
    }
}
