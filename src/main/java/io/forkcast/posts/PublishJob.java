package io.forkcast.posts;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.ExecutionOperations;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import io.forkcast.shared.web.IdempotencyKeys;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Limit;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The publish job: one db-scheduler execution per delivery (instance id = delivery id, data = tenant id), due at the
 * delivery's time; a transient failure reschedules the same execution. Once the network took the delivery, the same
 * execution is moved {@code record-after} later, carrying what was accepted ({@link Publisher.Accepted}, in its data),
 * and that run records it on the post. Jobs are claimed in order of their time, so when many posts are due at once
 * every one goes out before the first of them is recorded: recording does not take the CPU from the ones still
 * waiting to go out. Until then the delivery stays {@code publishing}; an instance that stops leaves the execution,
 * with its data, to another, as any other job. The sweep queues due scheduled deliveries whose execution is
 * missing (a restored backup, say): they are published late, never skipped.
 */
@Configuration(proxyBeanMethods = false)
class PublishJob {

    /** The task's name predates deliveries: executions queued before them (instance id = the same id) still run. */
    static final String NAME = "publish-post";
    static final TaskDescriptor<String> TASK = TaskDescriptor.of(NAME, String.class);
    static final String SWEEP = "publish-sweep";

    static TaskInstance<String> instance(UUID deliveryId, UUID tenantId) {
        return TASK.instance(deliveryId.toString()).data(tenantId.toString()).build();
    }

    private static final Logger log = LoggerFactory.getLogger(PublishJob.class);
    private static final Backoff RUN_AGAIN = new Backoff(Duration.ofSeconds(1), Duration.ofMinutes(1));

    /** Its own mapper, not the API's: a change to how the API writes JSON must not strand a queued run. */
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * A run's data once the network took the delivery, as JSON. Before, the data is the tenant's id alone, as it was
     * for every execution queued before recording had a run of its own.
     */
    record Recording(UUID tenantId, Publisher.Accepted accepted) {
    }

    @Bean
    CustomTask<String> publishPostTask(Publisher publisher, PostsProperties properties) {
        return Tasks.custom(TASK)
                .onFailure(PublishJob::runAgainSoon)
                .execute((instance, context) -> {
                    UUID deliveryId = UUID.fromString(instance.getId());
                    String data = instance.getData();
                    if (data.startsWith("{")) {
                        Recording recording = JSON.readValue(data, Recording.class);
                        publisher.record(new TenantId(recording.tenantId()), deliveryId, recording.accepted());
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    UUID tenantId = UUID.fromString(data);
                    Publisher.Next next = publisher.publish(new TenantId(tenantId), deliveryId);
                    if (next.accepted() != null) {
                        String recording = JSON.writeValueAsString(new Recording(tenantId, next.accepted()));
                        return (complete, operations) -> operations.reschedule(complete,
                                complete.getTimeDone().plus(properties.recordAfter()), recording);
                    }
                    if (next.retryAt() == null) {
                        return new CompletionHandler.OnCompleteRemove<>();
                    }
                    return (complete, operations) -> operations.reschedule(complete, next.retryAt());
                });
    }

    /**
     * A run that threw (the database unreachable, no free connection, a timeout) may have stopped before recording an
     * attempt: it runs again within seconds, backing off, instead of after db-scheduler's default five minutes. An
     * attempt it did record counts as an unknown outcome, which the next run reconciles before publishing.
     */
    private static void runAgainSoon(ExecutionComplete complete, ExecutionOperations<String> operations) {
        int failures = complete.getExecution().consecutiveFailures + 1;
        Instant next = complete.getTimeDone().plus(RUN_AGAIN.delay(failures, ThreadLocalRandom.current()));
        log.warn("Publish job of delivery {} failed ({} in a row: {}); it runs again at {}",
                complete.getExecution().taskInstance.getId(), failures,
                complete.getCause().map(cause -> cause.getClass().getSimpleName()).orElse("no cause"), next);
        operations.reschedule(complete, next);
    }

    static final String PREPARE = "prepare-deliveries";

    /**
     * Asks for a look for deliveries that came within {@code prepare-ahead} of their time as time passed; the look runs
     * on the preparer's own thread, so this job never holds a job thread while preparations wait for Meta.
     */
    @Bean
    RecurringTask<Void> prepareDeliveriesTask(DeliveryPreparer preparer, PostsProperties properties) {
        return Tasks.recurring(PREPARE, FixedDelay.of(properties.prepareInterval()))
                .execute((instance, context) -> preparer.lookSoon());
    }

    static final String ENGAGEMENT = "engagement-sync";

    @Bean
    RecurringTask<Void> engagementSyncTask(EngagementSync sync, PostsProperties properties) {
        return Tasks.recurring(ENGAGEMENT, FixedDelay.of(properties.engagementInterval()))
                .execute((instance, context) -> sync.syncAll());
    }

    static final String IDEMPOTENCY_CLEANUP = "idempotency-keys-cleanup";

    /** Forgets Idempotency-Keys of every tenant once they are older than {@code forkcast.idempotency.key-ttl}. */
    @Bean
    RecurringTask<Void> idempotencyKeysCleanupTask(IdempotencyKeys keys, CurrentTenant currentTenant,
            PlatformTransactionManager transactions) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        return Tasks.recurring(IDEMPOTENCY_CLEANUP, FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> currentTenant.callAsPlatform("expired idempotency keys",
                        () -> tx.execute(status -> keys.forgetExpired())));
    }

    /** The client is looked up when the sweep runs: the client itself is built from every task bean. */
    @Bean
    RecurringTask<Void> publishSweepTask(PostRepository posts, ObjectProvider<SchedulerClient> jobs,
            CurrentTenant currentTenant, PlatformTransactionManager transactions, PostsProperties properties,
            Clock clock) {
        TransactionTemplate tx = new TransactionTemplate(transactions);
        tx.setReadOnly(true);
        return Tasks.recurring(SWEEP, FixedDelay.of(properties.sweepInterval()))
                .execute((instance, context) -> currentTenant.callAsPlatform("due deliveries without a publish job",
                        () -> {
                            List<Delivery> due = tx.execute(status ->
                                    posts.dueDeliveries(clock.instant(), Limit.of(1000)));
                            int queued = 0;
                            for (Delivery delivery : due) {
                                if (jobs.getObject().scheduleIfNotExists(instance(delivery.id(), delivery.tenantId()),
                                        clock.instant())) {
                                    queued++;
                                }
                            }
                            if (queued > 0) {
                                log.warn("Queued {} due deliveries that had no publish job; they will be published "
                                        + "late", queued);
                            }
                            return queued;
                        }));
    }
}
