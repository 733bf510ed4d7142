package io.forkcast.shared.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.h2.jdbcx.JdbcDataSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.ResolvableType;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class JobsConfigurationTest {

    private static final ResolvableType TASKS = ResolvableType.forClassWithGenerics(Task.class, Void.class);
    private static final ResolvableType RECURRING = ResolvableType.forClassWithGenerics(RecurringTask.class, Void.class);

    private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

    JobsConfigurationTest() {
        RecurringTask<Void> task = Tasks.recurring("nightly", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> { });
        register("nightly", task);
        RecurringTask<Void> broken = Tasks.recurring("broken", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> {
                    throw new IllegalStateException("broken on purpose");
                });
        register("broken", broken);
        assertThat(beans.getBeanProvider(RECURRING).stream()).hasSize(2);
    }

    /** As a {@code @Bean} method returning {@code RecurringTask<Void>} would: with its generic type known. */
    private void register(String name, RecurringTask<Void> task) {
        RootBeanDefinition definition = new RootBeanDefinition();
        definition.setTargetType(RECURRING);
        definition.setInstanceSupplier(() -> task);
        beans.registerBeanDefinition(name, definition);
    }

    /** A fresh in-memory database with the jobs table (created once: the runner opens many connections). */
    private static JdbcDataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:jobs-" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("RUNSCRIPT FROM 'classpath:db/migration/h2/V10__scheduled_tasks.sql'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return dataSource;
    }

    @Test
    void webOnlyInstanceSchedulesButRunsNothing() {
        JobRunner runner = new JobsConfiguration().jobRunner(dataSource(), beans.getBeanProvider(TASKS),
                beans.getBeanProvider(RECURRING), new JobsProperties(false, 1, Duration.ofSeconds(10), Duration.ofSeconds(1),
                        Duration.ofSeconds(30), 4, JobsProperties.PollingStrategy.FETCH), new SimpleMeterRegistry(),
                beans.getBeanProvider(com.github.kagkarlsson.scheduler.Clock.class));

        runner.start();

        assertThat(runner.isRunning()).isFalse();
    }

    @Test
    void runnerStopsAndStartsAgain() {
        JobRunner runner = new JobsConfiguration().jobRunner(dataSource(), beans.getBeanProvider(TASKS),
                beans.getBeanProvider(RECURRING), new JobsProperties(true, 1, Duration.ofSeconds(10), Duration.ofSeconds(1),
                        Duration.ofSeconds(30), 4, JobsProperties.PollingStrategy.FETCH), new SimpleMeterRegistry(),
                beans.getBeanProvider(com.github.kagkarlsson.scheduler.Clock.class));

        runner.start();
        runner.stop();
        runner.start();

        assertThat(runner.isRunning()).isTrue();
        runner.stop();
        assertThat(runner.isRunning()).isFalse();
    }

    @Test
    void finishedRunsAreCountedPerJobAndResult() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        JobRunner runner = new JobsConfiguration().jobRunner(dataSource(), beans.getBeanProvider(TASKS),
                beans.getBeanProvider(RECURRING), new JobsProperties(true, 2, Duration.ofMillis(100),
                        Duration.ofSeconds(1), Duration.ofSeconds(30), 4, JobsProperties.PollingStrategy.FETCH), meters,
                beans.getBeanProvider(com.github.kagkarlsson.scheduler.Clock.class));

        runner.start();
        try {
            // Recurring jobs are due at start: wait until both ran once.
            await().atMost(Duration.ofSeconds(30)).until(() -> completed(meters, "nightly", "success") >= 1
                    && completed(meters, "broken", "failure") >= 1);
        } finally {
            runner.stop();
        }

        assertThat(completed(meters, "nightly", "success")).isEqualTo(1);
        assertThat(completed(meters, "broken", "failure")).isEqualTo(1);
        assertThat(completed(meters, "nightly", "failure")).isZero();
        assertThat(completed(meters, "broken", "success")).isZero();
    }

    /**
     * The client writes a job's time as the runner does (in UTC), so that both read the same instant back whatever
     * the JVM's zone; and it says nothing at start, where it used to warn that it assumed zoned columns.
     */
    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void theClientWritesTimesAsTheRunnerDoes(CapturedOutput output) throws SQLException {
        JdbcDataSource dataSource = dataSource();
        SchedulerClient client = new JobsConfiguration().jobScheduler(dataSource, beans.getBeanProvider(TASKS));
        Instant due = Instant.parse("2026-12-04T13:00:00.123Z");

        client.scheduleIfNotExists(new TaskInstance<>("nightly", "once"), due);

        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("select execution_time from scheduled_tasks"
                        + " where task_instance = 'once'")) {
            assertThat(row.next()).isTrue();
            assertThat(row.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(due);
        }
        assertThat(client.getScheduledExecution(TaskInstanceId.of("nightly", "once")))
                .hasValueSatisfying(execution -> assertThat(execution.getExecutionTime()).isEqualTo(due));
        assertThat(output).contains("always store timestamps in zone UTC")
                .doesNotContain("Assuming time-related columns");
    }

    private static double completed(SimpleMeterRegistry meters, String job, String result) {
        var counter = meters.find("forkcast.jobs.completed").tag("job", job).tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }
}
