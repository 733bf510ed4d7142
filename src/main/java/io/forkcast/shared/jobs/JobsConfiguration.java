package io.forkcast.shared.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * db-scheduler on the application's database, wired by hand (its Boot starter does not configure on Boot 4).
 * Every {@link Task} bean is known to it; every {@link RecurringTask} bean is scheduled at start-up. Jobs live in
 * {@code scheduled_tasks}, so any instance may run a due job and only one will. With
 * {@code forkcast.jobs.enabled=false} the instance only schedules (a {@link SchedulerClient}) and runs nothing.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(JobsConfiguration.class);

    @Bean
    SchedulerClient jobScheduler(DataSource dataSource, ObjectProvider<Task<?>> taskBeans,
            ObjectProvider<RecurringTask<?>> recurringBeans, JobsProperties properties) {
        List<Task<?>> tasks = taskBeans.orderedStream().toList();
        List<RecurringTask<?>> recurring = recurringBeans.orderedStream().toList();
        if (!properties.enabled()) {
            log.info("Job runner off on this instance (forkcast.jobs.enabled=false): jobs are only scheduled here");
            return SchedulerClient.Builder.create(dataSource, new ArrayList<>(tasks)).build();
        }
        // startTasks adds the recurring tasks to the known ones itself.
        List<Task<?>> others = tasks.stream().filter(task -> !recurring.contains(task)).toList();
        return Scheduler.create(dataSource, new ArrayList<>(others))
                .startTasks(new ArrayList<>(recurring))
                .threads(properties.threads())
                .pollingInterval(properties.pollingInterval())
                .shutdownMaxWait(properties.shutdownMaxWait())
                .commitWhenAutocommitDisabled(true)
                .alwaysPersistTimestampInUTC()
                .enableImmediateExecution()
                .build();
    }

    /** Starts the runner once the application is up and stops it, letting running jobs finish, on shutdown. */
    @Bean
    SmartLifecycle jobRunnerLifecycle(SchedulerClient jobScheduler) {
        return new SmartLifecycle() {
            private volatile boolean running;

            @Override
            public void start() {
                if (jobScheduler instanceof Scheduler scheduler) {
                    scheduler.start();
                }
                running = true;
            }

            @Override
            public void stop() {
                if (jobScheduler instanceof Scheduler scheduler) {
                    scheduler.stop();
                }
                running = false;
            }

            @Override
            public boolean isRunning() {
                return running;
            }

            @Override
            public int getPhase() {
                // Stops before the web server and the connection pool, starts after them.
                return SmartLifecycle.DEFAULT_PHASE - 1024;
            }
        };
    }
}
