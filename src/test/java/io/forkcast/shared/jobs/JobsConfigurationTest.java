package io.forkcast.shared.jobs;

import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.core.ResolvableType;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class JobsConfigurationTest {

    private static final ResolvableType TASKS = ResolvableType.forClassWithGenerics(Task.class, Void.class);
    private static final ResolvableType RECURRING = ResolvableType.forClassWithGenerics(RecurringTask.class, Void.class);

    private final DefaultListableBeanFactory beans = new DefaultListableBeanFactory();

    JobsConfigurationTest() {
        RecurringTask<Void> task = Tasks.recurring("nightly", FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> { });
        beans.registerSingleton("nightly", task);
    }

    private static JdbcDataSource dataSource() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:jobs-" + System.nanoTime() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1;"
                + "INIT=RUNSCRIPT FROM 'classpath:db/migration/h2/V10__scheduled_tasks.sql'");
        return dataSource;
    }

    @Test
    void webOnlyInstanceSchedulesButRunsNothing() {
        JobRunner runner = new JobsConfiguration().jobRunner(dataSource(), beans.getBeanProvider(TASKS),
                beans.getBeanProvider(RECURRING), new JobsProperties(false, 1, Duration.ofSeconds(10), Duration.ofSeconds(1),
                        Duration.ofSeconds(30), 6, JobsProperties.PollingStrategy.FETCH),
                beans.getBeanProvider(com.github.kagkarlsson.scheduler.Clock.class));

        runner.start();

        assertThat(runner.isRunning()).isFalse();
    }

    @Test
    void runnerStopsAndStartsAgain() {
        JobRunner runner = new JobsConfiguration().jobRunner(dataSource(), beans.getBeanProvider(TASKS),
                beans.getBeanProvider(RECURRING), new JobsProperties(true, 1, Duration.ofSeconds(10), Duration.ofSeconds(1),
                        Duration.ofSeconds(30), 6, JobsProperties.PollingStrategy.FETCH),
                beans.getBeanProvider(com.github.kagkarlsson.scheduler.Clock.class));

        runner.start();
        runner.stop();
        runner.start();

        assertThat(runner.isRunning()).isTrue();
        runner.stop();
        assertThat(runner.isRunning()).isFalse();
    }
}
