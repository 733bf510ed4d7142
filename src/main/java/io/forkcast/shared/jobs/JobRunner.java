package io.forkcast.shared.jobs;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SystemClock;
import com.github.kagkarlsson.scheduler.Waiter;
import com.github.kagkarlsson.scheduler.event.AbstractSchedulerListener;
import com.github.kagkarlsson.scheduler.task.ExecutionComplete;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import javax.sql.DataSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The db-scheduler runner of this instance. Started once the application is up, stopped on shutdown before the
 * web server and the connection pool, letting running jobs finish (up to {@code shutdownMaxWait}). A stopped
 * scheduler cannot start again, so each start builds a fresh one. Each finished run is counted in
 * {@code forkcast.jobs.completed} (tags {@code job}, the task's name, and {@code result}, success or failure).
 *
 * <p>It looks for due jobs at the earliest job's time, not only at its polling tick ({@link NextDueWaiter}): the
 * {@link DueJobAlarm} tells it of jobs scheduled here, and on PostgreSQL {@link DueJobNotifications} of jobs
 * scheduled anywhere. Each look is counted in {@code forkcast.jobs.wakeups} (tag {@code reason}: {@code due} or
 * {@code tick}).
 */
final class JobRunner implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(JobRunner.class);

    private final DataSource dataSource;
    private final List<Task<?>> tasks;
    private final List<RecurringTask<?>> recurring;
    private final JobsProperties properties;
    private final MeterRegistry meters;
    private final com.github.kagkarlsson.scheduler.Clock clock;
    private final DueJobAlarm alarm;
    private volatile Scheduler scheduler;
    private DueJobNotifications notifications;

    /** {@code clock}: when jobs come due; {@code null} for the system clock. */
    JobRunner(DataSource dataSource, List<Task<?>> tasks, List<RecurringTask<?>> recurring, JobsProperties properties,
            MeterRegistry meters, com.github.kagkarlsson.scheduler.Clock clock, DueJobAlarm alarm) {
        this.meters = meters;
        this.clock = clock != null ? clock : new SystemClock();
        this.dataSource = dataSource;
        this.tasks = tasks;
        this.recurring = recurring;
        this.properties = properties;
        this.alarm = alarm;
    }

    @Override
    public synchronized void start() {
        if (!properties.enabled()) {
            log.info("Job runner off on this instance (forkcast.jobs.enabled=false): jobs are only scheduled here");
            return;
        }
        // Every job's series from the start (at zero), so that rates have a baseline.
        for (Task<?> task : tasks) {
            completed(task.getName(), true);
            completed(task.getName(), false);
        }
        for (NextDueWaiter.Reason reason : NextDueWaiter.Reason.values()) {
            wakeUps(reason);
        }
        NextDueWaiter waiter = new NextDueWaiter(properties.pollingInterval(), clock, new EarliestDueJob(dataSource),
                reason -> wakeUps(reason).increment());
        // startTasks adds the recurring tasks to the known ones itself.
        List<Task<?>> others = tasks.stream().filter(task -> !recurring.contains(task)).toList();
        var builder = new SchedulerBuilder(dataSource, new ArrayList<>(others)) {
                    @Override
                    protected Waiter buildWaiter() {
                        return waiter;
                    }
                }
                .startTasks(new ArrayList<>(recurring))
                .threads(properties.threads())
                .pollingInterval(properties.pollingInterval())
                .shutdownMaxWait(properties.shutdownMaxWait())
                .heartbeatInterval(properties.heartbeatInterval())
                .missedHeartbeatsLimit(properties.missedHeartbeatsLimit())
                .jdbcCustomization(JobsConfiguration.timesInUtc(dataSource))
                .clock(clock)
                .addSchedulerListener(new CompletedRuns());
        if (properties.pollingStrategy() == JobsProperties.PollingStrategy.LOCK_AND_FETCH) {
            // Claims up to 'threads' due jobs per round trip; keeps at least half the threads fed.
            builder.pollUsingLockAndFetch(0.5, 1.0);
        }
        Scheduler created = builder.build();
        alarm.attach(waiter);
        created.start();
        scheduler = created;
        notifications = DueJobNotifications.startIfPostgres(dataSource, alarm);
    }

    @Override
    public synchronized void stop() {
        Scheduler running = scheduler;
        scheduler = null;
        if (notifications != null) {
            notifications.close();
            notifications = null;
        }
        alarm.detach();
        if (running != null) {
            running.stop();
        }
    }

    /**
     * Counts every finished run of a job on this instance, and wakes the runner for the jobs the scheduler itself
     * schedules (a retry, a recurring job's next run).
     */
    private final class CompletedRuns extends AbstractSchedulerListener {

        @Override
        public void onExecutionScheduled(TaskInstanceId taskInstanceId, Instant executionTime) {
            alarm.dueAt(executionTime);
        }

        @Override
        public void onExecutionComplete(ExecutionComplete complete) {
            completed(complete.getExecution().taskInstance.getTaskName(),
                    complete.getResult() == ExecutionComplete.Result.OK).increment();
        }
    }

    private Counter completed(String job, boolean success) {
        return Counter.builder("forkcast.jobs.completed").tag("job", job).tag("result", success ? "success" : "failure")
                .description("Finished runs of background jobs on this instance").register(meters);
    }

    private Counter wakeUps(NextDueWaiter.Reason reason) {
        return Counter.builder("forkcast.jobs.wakeups").tag("reason", reason.name().toLowerCase(Locale.ROOT))
                .description("Looks at the job table for due jobs: at a job's time (due) or at the polling tick")
                .register(meters);
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }

    @Override
    public int getPhase() {
        // Starts after, and stops before, the web server (and everything the jobs use).
        return SmartLifecycle.DEFAULT_PHASE - 1024;
    }
}
