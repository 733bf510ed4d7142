package io.forkcast.shared.jobs;

import com.github.kagkarlsson.scheduler.Clock;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.jdbc.AutodetectJdbcCustomization;
import com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.util.ArrayList;
import java.util.List;

/**
 * db-scheduler on the application's database, wired by hand (its Boot starter does not configure on Boot 4).
 * Every {@link Task} bean is known to it; every {@link RecurringTask} bean is scheduled when the runner starts.
 * Jobs live in {@code scheduled_tasks}, so any instance may run a due job and only one will.
 */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

    /** Between the client (jobs scheduled here) and the runner (which wakes at their time). */
    private final DueJobAlarm alarm = new DueJobAlarm();

    /**
     * Schedules, reschedules and lists jobs; works on every instance, whether it runs jobs or not. Called inside a
     * transaction, it takes part in it.
     */
    @Bean
    SchedulerClient jobScheduler(DataSource dataSource, ObjectProvider<Task<?>> taskBeans) {
        DataSource jobs = new JobsDataSource(dataSource);
        return new WakingSchedulerClient(SchedulerClient.Builder.create(jobs,
                        new ArrayList<>(taskBeans.orderedStream().toList()))
                .jdbcCustomization(timesInUtc(jobs))
                .build(), alarm);
    }

    /**
     * How the client and the runner read and write {@code scheduled_tasks}: the database's own dialect, times always
     * in UTC, so that both see the same instant whatever the JVM's zone.
     */
    static JdbcCustomization timesInUtc(DataSource jobs) {
        return new AutodetectJdbcCustomization(jobs, true);
    }

    /**
     * Runs due jobs on this instance unless {@code forkcast.jobs.enabled=false}. Jobs come due on the system clock, or on a db-scheduler {@link Clock} bean when there is one (a test moving
     * time past a job's due moment).
     */
    @Bean
    JobRunner jobRunner(DataSource dataSource, ObjectProvider<Task<?>> taskBeans,
            ObjectProvider<RecurringTask<?>> recurringBeans, JobsProperties properties, MeterRegistry meters,
            ObjectProvider<Clock> clock) {
        List<Task<?>> tasks = taskBeans.orderedStream().toList();
        List<RecurringTask<?>> recurring = recurringBeans.orderedStream().toList();
        return new JobRunner(new JobsDataSource(dataSource), tasks, recurring, properties, meters,
                clock.getIfAvailable(), alarm);
    }
}
