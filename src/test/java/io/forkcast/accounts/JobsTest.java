package io.forkcast.accounts;

import com.github.kagkarlsson.scheduler.ScheduledExecution;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import io.forkcast.tenancy.CurrentTenant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The recurring jobs: scheduled in db-scheduler's table, run on schedule and on demand. */
@ExtendWith(OutputCaptureExtension.class)
class JobsTest extends SandboxedApiTest {

    @Autowired
    SchedulerClient scheduler;

    @Autowired
    OAuthStates states;

    @Autowired
    CurrentTenant currentTenant;

    @Autowired
    JdbcClient jdbc;

    private ApiClient api;
    private String tenant;
    private String key;

    @BeforeEach
    void tenant() {
        api = api();
        tenant = api.createTenant("Trattoria " + System.nanoTime(), "pro");
        key = api.createKey(tenant, "read", "write");
    }

    private long statesOfTenant() {
        return jdbc.sql("select count(*) from oauth_state where tenant_id = ?").param(UUID.fromString(tenant))
                .query(Long.class).single();
    }

    @Test
    void recurringJobsAreInTheSchedulersTable() {
        List<ScheduledExecution<Object>> health = scheduler.getScheduledExecutionsForTask(AccountJobs.TOKEN_HEALTH);

        assertThat(health).hasSize(1);
        assertThat(health.getFirst().getExecutionTime().atOffset(ZoneOffset.UTC).toLocalTime())
                .isEqualTo(LocalTime.of(4, 0));
        assertThat(scheduler.getScheduledExecutionsForTask(AccountJobs.STATE_CLEANUP)).hasSize(1);
        assertThat(scheduler.getScheduledExecutionsForTask(AccountJobs.TOKEN_RESEAL)).hasSize(1);
    }

    @Test
    void cleanupOnDemandDeletesExpiredStatesOnlyAndLogsTheCount(CapturedOutput output) {
        new ConnectSteps(api).authorizationUrl(tenant, key);
        new ConnectSteps(api).authorizationUrl(tenant, key);
        CLOCK.advance(Duration.ofMinutes(11));
        new ConnectSteps(api).authorizationUrl(tenant, key);

        int deleted = currentTenant.callAsPlatform("test", states::deleteExpired);

        assertThat(deleted).isGreaterThanOrEqualTo(2);
        assertThat(statesOfTenant()).isEqualTo(1);
        assertThat(output.getAll()).contains("Deleted " + deleted + " expired OAuth states");
    }

    @Test
    void cleanupRunsOnScheduleThroughTheScheduler() {
        new ConnectSteps(api).authorizationUrl(tenant, key);
        CLOCK.advance(Duration.ofMinutes(11));

        scheduler.reschedule(TaskInstanceId.of(AccountJobs.STATE_CLEANUP, "recurring"), Instant.now());

        await().atMost(Duration.ofSeconds(30)).until(() -> statesOfTenant() == 0);
    }
}
