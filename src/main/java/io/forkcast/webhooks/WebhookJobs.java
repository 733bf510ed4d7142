package io.forkcast.webhooks;

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

/**
 * The sending job: one db-scheduler execution per message (instance id = message id, data = tenant id), run again
 * at each retry's time, so any instance may send it and only one does; a message whose instance dies mid-attempt
 * is sent again by another (the receiver drops the repeat by its {@code webhook-id}).
 */
@Configuration(proxyBeanMethods = false)
class WebhookJobs {

    static final String NAME = "webhook-delivery";
    static final TaskDescriptor<String> TASK = TaskDescriptor.of(NAME, String.class);
    private static final Logger log = LoggerFactory.getLogger(WebhookJobs.class);

    static TaskInstance<String> instance(UUID messageId, UUID tenantId) {
        return TASK.instance(messageId.toString()).data(tenantId.toString()).build();
    }

    @Bean
    CustomTask<String> webhookDeliveryTask(WebhookDelivery delivery) {
        return Tasks.custom(TASK)
                .onFailure(WebhookJobs::runAgainLater)
                .execute((instance, context) -> {
                    Instant next = delivery.attempt(new TenantId(UUID.fromString(instance.getData())),
                            UUID.fromString(instance.getId()));
                    if (next == null) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    return (complete, operations) -> operations.reschedule(complete, next);
                });
    }

    /** A run that threw (the database away) tries again within minutes: the attempt was not recorded. */
    private static void runAgainLater(ExecutionComplete complete, ExecutionOperations<String> operations) {
        int failures = complete.getExecution().consecutiveFailures + 1;
        Duration wait = Duration.ofSeconds(Math.min(600, 10L * failures * failures));
        log.warn("Webhook message {} could not be handled ({} in a row: {}); trying again in {} s",
                complete.getExecution().taskInstance.getId(), failures,
                complete.getCause().map(cause -> cause.getClass().getSimpleName()).orElse("no cause"),
                wait.toSeconds());
        operations.reschedule(complete, complete.getTimeDone().plus(wait));
    }
}
