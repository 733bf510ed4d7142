package io.forkcast.tenancy;

import io.forkcast.shared.retention.RetainedData;
import io.forkcast.shared.retention.RetentionPurge;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.ZoneOffset;

/**
 * Builds a module's {@link RetentionPurge} from its own delete statement: each batch in a transaction of its own,
 * run as platform work (retention crosses tenants), with {@code :cutoff} and {@code :batch} bound.
 */
@Component
public class RetentionPurges {

    private final JdbcClient jdbc;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate tx;

    RetentionPurges(JdbcClient jdbc, CurrentTenant currentTenant, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.currentTenant = currentTenant;
        this.tx = new TransactionTemplate(transactions);
    }

    /**
     * A purge by {@code sql}, a delete of at most {@code :batch} rows older than {@code :cutoff} from the calling
     * module's own table.
     */
    public RetentionPurge deleting(RetainedData data, String sql) {
        String reason = "retention: " + data.name().toLowerCase() + " of every tenant";
        return new RetentionPurge(data, (cutoff, batch) -> currentTenant.callAsPlatform(reason,
                () -> tx.execute(status -> jdbc.sql(sql).param("cutoff", cutoff.atOffset(ZoneOffset.UTC))
                        .param("batch", batch).update())));
    }
}
