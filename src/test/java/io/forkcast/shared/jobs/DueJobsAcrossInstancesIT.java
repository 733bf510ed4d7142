package io.forkcast.shared.jobs;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.support.PostgresTestDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * On PostgreSQL an instance wakes for a job another instance scheduled, earlier than the one it is waiting for:
 * the other instance here is a plain db-scheduler client on a connection of its own (it tells nobody), and this
 * instance polls once an hour. Only the database's notification can bring the job to it on time.
 */
@TestPropertySource(properties = {"forkcast.jobs.polling-interval=1h", "forkcast.posts.engagement-interval=1h",
        "forkcast.posts.sweep-interval=1h"})
@Import(DueJobsAcrossInstancesIT.ProbeJob.class)
class DueJobsAcrossInstancesIT extends PostgresIntegrationTest {

    private static final TaskDescriptor<Void> PROBE = TaskDescriptor.of("wake-up-probe", Void.class);
    /** Each run: the job's instance id → when it started. */
    private static final Map<String, Instant> RUNS = new ConcurrentHashMap<>();

    @TestConfiguration
    static class ProbeJob {
        @Bean
        Task<Void> wakeUpProbe() {
            return Tasks.oneTime(PROBE).execute((instance, context) -> RUNS.put(instance.getId(), Instant.now()));
        }
    }

    @Autowired
    SchedulerClient jobs;

    @Autowired
    MeterRegistry meters;

    @Test
    void aJobAnotherInstanceSchedulesEarlierThanTheArmedOneRunsAtItsTime() {
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setURL(PostgresTestDatabase.URL);
        database.setUser(PostgresTestDatabase.OWNER);
        SchedulerClient otherInstance = SchedulerClient.Builder.create(database, new ProbeJob().wakeUpProbe()).build();
        double ticks = wakeUps("tick");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

        // This instance's runner waits for its own job, ten minutes away.
        jobs.scheduleIfNotExists(PROBE.instance("armed").build(), now.plus(Duration.ofMinutes(10)));
        Instant soon = now.plusSeconds(2);
        otherInstance.scheduleIfNotExists(PROBE.instance("scheduled-elsewhere").build(), soon);

        await().atMost(Duration.ofSeconds(30)).until(() -> RUNS.containsKey("scheduled-elsewhere"));
        assertThat(RUNS.get("scheduled-elsewhere")).as("never before its time").isAfterOrEqualTo(soon);
        assertThat(RUNS).doesNotContainKey("armed");

        // Another instance moves this instance's job forward: it runs at its new time.
        Instant moved = Instant.now().truncatedTo(ChronoUnit.MILLIS).plusSeconds(1);
        assertThat(otherInstance.reschedule(PROBE.instance("armed").build(), moved)).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> RUNS.containsKey("armed"));
        assertThat(RUNS.get("armed")).isAfterOrEqualTo(moved);
        assertThat(wakeUps("tick")).as("no polling tick came").isEqualTo(ticks);
    }

    private double wakeUps(String reason) {
        return meters.get("forkcast.jobs.wakeups").tag("reason", reason).counter().count();
    }
}
