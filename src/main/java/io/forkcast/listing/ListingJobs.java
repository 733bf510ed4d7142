package io.forkcast.listing;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.FixedDelay;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.forkcast.accounts.Accounts;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.google.GoogleClient;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.ZoneOffset;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The listing's recurring jobs, run by db-scheduler on whichever instance picks them up first: the reviews of
 * every tenant's Google locations (hourly), and their daily figures (once a day).
 */
@Configuration(proxyBeanMethods = false)
class ListingJobs {

    private static final Logger log = LoggerFactory.getLogger(ListingJobs.class);

    static final String REVIEWS = "google-reviews-sync";
    static final String INSIGHTS = "google-insights-sync";

    @Bean
    RecurringTask<Void> googleReviewsSyncJob(GoogleReviews reviews, Accounts accounts, CurrentTenant currentTenant,
            GoogleClient google, ListingProperties properties) {
        return Tasks.recurring(REVIEWS, FixedDelay.of(properties.reviewsSyncInterval()))
                .execute((instance, context) -> everyTenant(google, accounts, currentTenant, "reviews",
                        reviews::sync));
    }

    @Bean
    RecurringTask<Void> googleInsightsSyncJob(GoogleInsights insights, Accounts accounts, CurrentTenant currentTenant,
            GoogleClient google, ListingProperties properties) {
        return Tasks.recurring(INSIGHTS, Schedules.daily(ZoneOffset.UTC, properties.insightsSyncTime()))
                .execute((instance, context) -> everyTenant(google, accounts, currentTenant, "insights",
                        insights::sync));
    }

    /**
     * Runs {@code work} for each tenant with an active Google location, each in its own scope; one's trouble is
     * logged. With Google off on this deployment, the run does nothing.
     */
    static void everyTenant(GoogleClient google, Accounts accounts, CurrentTenant currentTenant, String what,
            Consumer<TenantId> work) {
        if (!google.enabled()) {
            return;
        }
        Set<UUID> tenants = new LinkedHashSet<>();
        for (ConnectedAccount account : currentTenant.callAsPlatform("Google listing sync: every tenant's locations",
                () -> accounts.activeOfEveryTenant(Platform.GOOGLE_BUSINESS))) {
            tenants.add(account.tenantId());
        }
        for (UUID tenant : tenants) {
            TenantId tenantId = new TenantId(tenant);
            try {
                currentTenant.callAsTenant(tenantId, null, () -> {
                    work.accept(tenantId);
                    return null;
                });
            } catch (RuntimeException e) {
                log.warn("Google {} sync of tenant {} failed: {}", what, tenant, e.getMessage());
            }
        }
    }
}
