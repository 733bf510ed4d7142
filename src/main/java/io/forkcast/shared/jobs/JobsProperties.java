package io.forkcast.shared.jobs;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the background job runner ({@code forkcast.jobs.*}).
 *
 * @param enabled run jobs on this instance; turn it off for web-only instances (they can still schedule jobs,
 *                which the other instances run)
 * @param threads how many jobs this instance runs at once
 * @param pollingInterval the longest the instance waits between two looks for due jobs in the table; it also looks
 *                        at each job's time (jobs scheduled here, and on PostgreSQL anywhere), so this is a safety net
 * @param shutdownMaxWait how long shutdown waits for running jobs to finish
 * @param heartbeatInterval how often a running job's instance tells the table it is alive; a job whose instance
 *                          missed {@code missedHeartbeatsLimit} heartbeats (it died: kill -9, lost host) is run again
 *                          by another instance
 * @param missedHeartbeatsLimit missed heartbeats after which a running job counts as dead
 * @param pollingStrategy {@code fetch} (read due jobs, then claim each with an update) or {@code lock-and-fetch}
 *                        (claim a batch in one {@code select ... for update skip locked}; PostgreSQL only)
 */
@Validated
@ConfigurationProperties("forkcast.jobs")
record JobsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4") @Min(1) int threads,
        @DefaultValue("10s") Duration pollingInterval,
        @DefaultValue("20s") Duration shutdownMaxWait,
        @DefaultValue("30s") Duration heartbeatInterval,
        @DefaultValue("4") @Min(4) int missedHeartbeatsLimit,
        @DefaultValue("fetch") PollingStrategy pollingStrategy) {

    /** How an instance claims due jobs. */
    enum PollingStrategy {
        FETCH, LOCK_AND_FETCH
    }
}
