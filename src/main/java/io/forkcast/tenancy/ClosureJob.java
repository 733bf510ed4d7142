package io.forkcast.tenancy;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Duration;

/** The hourly {@code closed-tenants-deletion} job: closed accounts past their grace period are deleted. */
@Configuration(proxyBeanMethods = false)
class ClosureJob {

    static final String NAME = "closed-tenants-deletion";

    @Bean
    RecurringTask<Void> closedTenantsDeletionTask(TenantClosures closures) {
        return Tasks.recurring(NAME, FixedDelay.of(Duration.ofHours(1)))
                .execute((instance, context) -> closures.deleteDue());
    }
}
