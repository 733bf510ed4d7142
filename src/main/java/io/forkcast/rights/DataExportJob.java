package io.forkcast.rights;

import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.forkcast.assets.MediaStore;
import io.forkcast.shared.retention.RetainedData;
import io.forkcast.shared.retention.RetentionPurge;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Limit;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.util.List;
import java.util.UUID;

/**
 * The {@code data-export} job (one execution per export: instance id = export id, data = tenant id; an instance that
 * dies while writing leaves it to another, which starts the archive again), and the retention purge that deletes
 * archives older than {@code forkcast.retention.exports}.
 */
@Configuration(proxyBeanMethods = false)
class DataExportJob {

    static final String NAME = "data-export";
    static final TaskDescriptor<String> TASK = TaskDescriptor.of(NAME, String.class);

    private static final Logger log = LoggerFactory.getLogger(DataExportJob.class);

    static TaskInstance<String> instance(UUID exportId, UUID tenantId) {
        return TASK.instance(exportId.toString()).data(tenantId.toString()).build();
    }

    @Bean
    OneTimeTask<String> dataExportTask(ArchiveWriter writer) {
        return Tasks.oneTime(TASK).execute((instance, context) ->
                writer.write(new TenantId(UUID.fromString(instance.getData())), UUID.fromString(instance.getId())));
    }

    @Bean
    RetentionPurge exportArchivesPurge(DataExportRepository exports, MediaStore store, CurrentTenant currentTenant,
            PlatformTransactionManager transactions) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return new RetentionPurge(RetainedData.EXPORTS, (cutoff, batch) -> currentTenant.callAsPlatform(
                "retention: export archives of every tenant", () -> tx.execute(status -> {
                    List<DataExport> expired = exports.findByStatusAndFinishedAtBeforeOrderByFinishedAt(
                            ExportStatus.READY, cutoff, Limit.of(batch));
                    for (DataExport export : expired) {
                        try {
                            store.delete(export.storageKey());
                        } catch (IOException e) {
                            // The row still says expired: the file goes with the tenant's folder at the latest.
                            log.warn("Could not delete the archive of export {}: {}", export.id(), e.toString());
                        }
                        export.expire();
                    }
                    return expired.size();
                })));
    }
}
