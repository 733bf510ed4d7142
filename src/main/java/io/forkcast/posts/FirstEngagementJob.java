package io.forkcast.posts;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The first engagement figures of a published delivery: one db-scheduler execution per delivery (instance id =
 * delivery id, data = tenant id), due {@code forkcast.posts.first-engagement-after} after it went out, queued in the
 * transaction that records it published. A network that does not answer is left to the regular sync; a run that
 * threw (the database away or refusing) runs again, backing off, for about an hour.
 */
@Configuration(proxyBeanMethods = false)
class FirstEngagementJob {

    static final String NAME = "first-engagement";
    static final TaskDescriptor<String> TASK = TaskDescriptor.of(NAME, String.class);
    private static final Logger log = LoggerFactory.getLogger(FirstEngagementJob.class);
    private static final Backoff RUN_AGAIN = new Backoff(Duration.ofSeconds(5), Duration.ofMinutes(15));
    private static final int MAX_FAILURES = 8;

    static TaskInstance<String> instance(UUID deliveryId, UUID tenantId) {
        return TASK.instance(deliveryId.toString()).data(tenantId.toString()).build();
    }

    @Bean
    CustomTask<String> firstEngagementTask(EngagementSync sync) {
        return Tasks.custom(TASK)
                .onFailure(FirstEngagementJob::runAgainLater)
                .execute((instance, context) -> {
                    sync.syncFirst(new TenantId(UUID.fromString(instance.getData())), UUID.fromString(instance.getId()));
                    return new CompletionHandler.OnCompleteRemove<>();
                });
    }

    private static void runAgainLater(ExecutionComplete complete, ExecutionOperations<String> operations) {
        int failures = complete.getExecution().consecutiveFailures + 1;
        String cause = complete.getCause().map(c -> c.getClass().getSimpleName()).orElse("no cause");
        if (failures >= MAX_FAILURES) {
            log.warn("First engagement of delivery {} not fetched ({} failures, the last: {}); the regular sync "
                    + "reads it", complete.getExecution().taskInstance.getId(), failures, cause);
            operations.remove();
            return;
        }
        Instant next = complete.getTimeDone().plus(RUN_AGAIN.delay(failures, ThreadLocalRandom.current()));
        log.info("First engagement of delivery {} failed ({} in a row: {}); it runs again at {}",
                complete.getExecution().taskInstance.getId(), failures, cause, next);
        operations.reschedule(complete, next);
    }
}
