package io.forkcast.posts;

import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.forkcast.tenancy.TenantId;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Instant;
import java.util.UUID;

/**
 * The first-comment job: one db-scheduler execution per delivery with a first comment (instance id = delivery id,
 * data = tenant id), queued in the transaction that records the delivery published; a temporary failure
 * reschedules it with backoff. A run that dies mid-call is picked up again by db-scheduler, and the comment's
 * {@code posting} state makes that run look for the comment before posting.
 */
@Configuration(proxyBeanMethods = false)
class FirstCommentJob {

    static final String NAME = "first-comment";
    static final TaskDescriptor<String> TASK = TaskDescriptor.of(NAME, String.class);

    static TaskInstance<String> instance(UUID deliveryId, UUID tenantId) {
        return TASK.instance(deliveryId.toString()).data(tenantId.toString()).build();
    }

    @Bean
    CustomTask<String> firstCommentTask(FirstComments comments) {
        return Tasks.custom(TASK)
                .execute((instance, context) -> {
                    Instant retryAt = comments.post(new TenantId(UUID.fromString(instance.getData())),
                            UUID.fromString(instance.getId()));
                    if (retryAt == null) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    return (complete, operations) -> operations.reschedule(complete, retryAt);
                });
    }
}
