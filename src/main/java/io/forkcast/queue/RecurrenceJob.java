package io.forkcast.queue;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The {@code recurring-posts} job: db-scheduler runs it on one instance at a time, every
 * {@code forkcast.queue.recurrence-interval}; each occurrence is created once whichever instance runs it.
 */
@Configuration(proxyBeanMethods = false)
class RecurrenceJob {

    static final String NAME = "recurring-posts";

    /**
     * {@code Recurrences} is looked up when the job runs: it creates posts, and {@code Posts} needs the scheduler,
     * which is built from the tasks, this one included.
     */
    @Bean
    RecurringTask<Void> recurringPostsJob(ObjectProvider<Recurrences> recurrences, QueueProperties properties) {
        return Tasks.recurring(NAME, FixedDelay.of(properties.recurrenceInterval()))
                .execute((instance, context) -> recurrences.getObject().fillAll());
    }
}
