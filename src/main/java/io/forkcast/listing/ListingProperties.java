package io.forkcast.listing;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.LocalTime;

/**
 * Settings of the Google listing jobs ({@code forkcast.listing.*}).
 *
 * @param menuSyncDelay how long after a menu change its Google sync runs: changes within it go out together
 * @param menuRetryDelay when a sync failed for a reason that may pass (Google's quota, an outage), when to try again
 * @param reviewsSyncInterval how often every location's reviews are fetched
 * @param insightsSyncTime when (UTC) the daily metrics job runs
 * @param insightsDays how many days back the daily job asks for (Google's figures settle over several days)
 * @param replyOverdueAfter a review without a reply for this long is flagged to the owner
 */
@Validated
@ConfigurationProperties("forkcast.listing")
record ListingProperties(
        @DefaultValue("30s") Duration menuSyncDelay,
        @DefaultValue("5m") Duration menuRetryDelay,
        @DefaultValue("1h") Duration reviewsSyncInterval,
        @DefaultValue("05:30") LocalTime insightsSyncTime,
        @DefaultValue("10") @Min(1) @Max(540) int insightsDays,
        @DefaultValue("2d") Duration replyOverdueAfter) {
}
