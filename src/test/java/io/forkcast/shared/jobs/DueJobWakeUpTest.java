package io.forkcast.shared.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.core.ResolvableType;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The runner wakes at a job's time on the embedded database, with a polling interval of an hour: after its first
 * look at start-up it never polls again in these tests, so a job runs only if the runner woke for it.
 */
class DueJobWakeUpTest {

    private static final ResolvableType TASKS = ResolvableType.forClassWithGenerics(Task.class, Void.class);
    private static final ResolvableType RECURRING = ResolvableType.forClassWithGenerics(RecurringTask.class, Void.class);
    private static final TaskDescriptor<Void> PROBE = TaskDescriptor.of("probe", Void.class);
    private static final TaskDescriptor<Void> RETRIED = TaskDescriptor.of("retried", Void.class);
    private static final Duration HOUR = Duration.ofHours(1);

    /** Each run: the job's instance id → (its due instant, when it started). */
    private final Map<String, List<Instant[]>> runs = new ConcurrentHashMap<>();
    private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final JdbcDataSource dataSource = dataSource();
    private final JobsConfiguration configuration = new JobsConfiguration();
    private final SchedulerClient client;
    private final JobRunner runner;

    DueJobWakeUpTest() {
        register("probe", Tasks.oneTime(PROBE).execute((instance, context) -> ran(instance.getId(),
                context.getExecution().executionTime)));
        // Fails softly once: its completion moves it 800 ms on (as a publish retry does), then it is done.
        register("retried", Tasks.custom(RETRIED).execute((instance, context) -> {
            ran(instance.getId(), context.getExecution().executionTime);
            if (runs.get(instance.getId()).size() == 1) {
                Instant retryAt = Instant.now().plusMillis(800);
                return (complete, operations) -> operations.reschedule(complete, retryAt);
            }
            return new CompletionHandler.OnCompleteRemove<>();
        }));
        client = configuration.jobScheduler(dataSource, beans.getBeanProvider(TASKS));
        runner = configuration.jobRunner(dataSource, beans.getBeanProvider(TASKS), beans.getBeanProvider(RECURRING),
                new JobsProperties(true, 2, HOUR, Duration.ofSeconds(1), Duration.ofSeconds(30), 4,
                        JobsProperties.PollingStrategy.FETCH),
                meters, beans.getBeanProvider(com.github.kagkarlsson.scheduler.Clock.class));
        runner.start();
    }

    @AfterEach
    void stop() {
        runner.stop();
    }

    @Test
    void aJobScheduledHereRunsAtItsTimeWithoutAPollingTick() {
        // The table keeps microseconds.
        Instant due = Instant.now().plusMillis(1500).truncatedTo(ChronoUnit.MILLIS);

        client.scheduleIfNotExists(PROBE.instance("soon").build(), due);

        await().atMost(Duration.ofSeconds(30)).until(() -> runs.containsKey("soon"));
        Instant[] run = runs.get("soon").getFirst();
        assertThat(run[0]).isEqualTo(due);
        assertThat(run[1]).as("never before its time").isAfterOrEqualTo(due);
        assertThat(wakeUps("tick")).as("no polling tick in an hour").isZero();
        assertThat(wakeUps("due")).isPositive();
    }

    @Test
    void aJobDueNowScheduledInsideATransactionRunsOnceTheTransactionCommitted() {
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        tx.executeWithoutResult(status -> {
            client.scheduleIfNotExists(PROBE.instance("now").build(), Instant.now());
            // A look at the table now would not see the job yet: it is not committed.
            sleep(Duration.ofMillis(300));
        });

        await().atMost(Duration.ofSeconds(30)).until(() -> runs.containsKey("now"));
        assertThat(wakeUps("tick")).isZero();
    }

    @Test
    void anEarlierJobBringsTheWakeUpForwardAndALaterOneDoesNot() {
        Instant now = Instant.now();
        client.scheduleIfNotExists(PROBE.instance("later").build(), now.plus(Duration.ofMinutes(10)));
        client.scheduleIfNotExists(PROBE.instance("earlier").build(), now.plusMillis(1200));

        await().atMost(Duration.ofSeconds(30)).until(() -> runs.containsKey("earlier"));
        assertThat(runs).doesNotContainKey("later");
        assertThat(runs.get("earlier").getFirst()[1]).isAfterOrEqualTo(now.plusMillis(1200));
    }

    @Test
    void aJobTheRunnerReschedulesRunsAgainAtItsNewTime() {
        client.scheduleIfNotExists(RETRIED.instance("flaky").build(), Instant.now());

        await().atMost(Duration.ofSeconds(30)).until(() -> runs.getOrDefault("flaky", List.of()).size() == 2);
        List<Instant[]> flaky = runs.get("flaky");
        assertThat(flaky.get(1)[0]).as("the second run's due instant is the retry's")
                .isAfter(flaky.get(0)[1]);
        assertThat(flaky.get(1)[1]).isAfterOrEqualTo(flaky.get(1)[0]);
        assertThat(wakeUps("tick")).isZero();
    }

    private void ran(String id, Instant due) {
        runs.computeIfAbsent(id, key -> new CopyOnWriteArrayList<>()).add(new Instant[] {due, Instant.now()});
    }

    private double wakeUps(String reason) {
        return meters.get("forkcast.jobs.wakeups").tag("reason", reason).counter().count();
    }

    private void register(String name, Task<Void> task) {
        RootBeanDefinition definition = new RootBeanDefinition();
        definition.setTargetType(TASKS);
        definition.setInstanceSupplier(() -> task);
        beans.registerBeanDefinition(name, definition);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JdbcDataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:due-jobs-" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("RUNSCRIPT FROM 'classpath:db/migration/h2/V10__scheduled_tasks.sql'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return dataSource;
    }
}
