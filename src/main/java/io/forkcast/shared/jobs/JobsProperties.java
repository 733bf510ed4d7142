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
 * @param pollingInterval how often the instance looks for due jobs in the table
 * @param shutdownMaxWait how long shutdown waits for running jobs to finish
 * @param heartbeatInterval how often an instance marks the jobs it runs as still alive
 * @param missedHeartbeatsLimit after this many missed heartbeats a running job counts as dead (its instance was
 *                              killed) and another instance runs it again: a killed instance's jobs resume after
 *                              about {@code heartbeatInterval × missedHeartbeatsLimit}
 */
@Validated
@ConfigurationProperties("forkcast.jobs")
record JobsProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("4") @Min(1) int threads,
        @DefaultValue("10s") Duration pollingInterval,
        @DefaultValue("20s") Duration shutdownMaxWait,
        @DefaultValue("30s") Duration heartbeatInterval,
        @DefaultValue("4") @Min(4) int missedHeartbeatsLimit) {
}
