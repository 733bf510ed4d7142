package io.forkcast.accounts;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.forkcast.tenancy.CurrentTenant;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneOffset;

/** The module's recurring jobs, run by db-scheduler on whichever instance picks them up first. */
@Configuration(proxyBeanMethods = false)
class AccountJobs {

    static final String STATE_CLEANUP = "oauth-state-cleanup";
    static final String TOKEN_HEALTH = "token-health";
    static final String TOKEN_RESEAL = "token-reseal";

    @Bean
    RecurringTask<Void> oauthStateCleanupJob(OAuthStates states, CurrentTenant currentTenant,
            AccountsProperties properties) {
        return Tasks.recurring(STATE_CLEANUP, FixedDelay.of(properties.stateCleanupInterval()))
                .execute((instance, context) -> currentTenant.callAsPlatform("expired OAuth states of every tenant",
                        states::deleteExpired));
    }

    @Bean
    RecurringTask<Void> tokenHealthJob(TokenHealth health, AccountsProperties properties) {
        return Tasks.recurring(TOKEN_HEALTH, Schedules.daily(ZoneOffset.UTC, properties.tokenHealthTime()))
                .execute((instance, context) -> health.checkAll());
    }

    @Bean
    RecurringTask<Void> tokenResealJob(TokenResealing resealing, AccountsProperties properties) {
        return Tasks.recurring(TOKEN_RESEAL, FixedDelay.of(properties.resealInterval()))
                .execute((instance, context) -> resealing.resealAll());
    }
}
