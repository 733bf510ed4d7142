package io.forkcast.shared.events;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.task.ThreadPoolTaskExecutorBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.modulith.events.FailedEventPublications;
import org.springframework.modulith.events.ResubmissionOptions;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

import java.time.Clock;
import java.util.List;

/**
 * Where the modules' asynchronous listeners run, and how a failed one runs again.
 * <p>
 * With virtual threads on, Spring Boot's executor starts a thread per event with no bound: a burst of publishing
 * (10,000 posts due at one minute) started a listener per published delivery and per listener, each wanting a
 * database connection at once, and the pool's time-outs failed both the listeners and the public media route that
 * Meta downloads the photos from. A fixed number of threads with a queue keeps the listeners' share of the pool
 * bounded; the queued events are in the event publication registry, so a crash loses none.
 */
@Configuration(proxyBeanMethods = false)
class EventsConfiguration {

    static final String RETRY = "event-retry";

    /** Named as Spring Boot's own, which it replaces: {@code @Async} listeners and MVC's async requests use it. */
    @Bean(name = {"applicationTaskExecutor", "taskExecutor"})
    ThreadPoolTaskExecutor applicationTaskExecutor(ThreadPoolTaskExecutorBuilder builder, EventsProperties properties) {
        return builder.corePoolSize(properties.listenerThreads()).maxPoolSize(properties.listenerThreads())
                .queueCapacity(Integer.MAX_VALUE).threadNamePrefix("task-").build();
    }

    /**
     * Runs again the listeners that failed (a database busy or away is the common cause), once the event is
     * {@code retry-interval} old, until the event is {@code give-up-after} old: without it a failed webhook message
     * waited for the next restart. A db-scheduler job, so one instance at a time looks; the
     * registry claims each publication before running it again, so none runs twice at once. Publications a module
     * retries by a job of its own ({@link RetriedElsewhere}: e-mail) are left to it.
     */
    @Bean
    RecurringTask<Void> eventRetryTask(FailedEventPublications failed, EventsProperties properties,
            ObjectProvider<RetriedElsewhere> elsewhere, Clock clock) {
        return Tasks.recurring(RETRY, FixedDelay.of(properties.retryInterval()))
                .execute((instance, context) -> {
                    List<RetriedElsewhere> owners = elsewhere.orderedStream().toList();
                    failed.resubmit(ResubmissionOptions.defaults()
                            .withMinAge(properties.retryInterval())
                            .withFilter(publication -> owners.stream().noneMatch(o -> o.covers(publication))
                                    && publication.getPublicationDate().isAfter(
                                            clock.instant().minus(properties.giveUpAfter()))));
                });
    }
}
