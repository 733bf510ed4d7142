package io.forkcast.shared.retention;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.LocalTime;
import java.util.EnumMap;
import java.util.Map;

/**
 * Settings of data retention ({@code forkcast.retention.*}). A period of {@code 0} keeps that kind forever.
 *
 * @param attempts how long publishing attempts of finished deliveries are kept
 * @param engagementSnapshots how long engagement figures over time are kept (each delivery keeps its latest)
 * @param captions how long generated captions are kept
 * @param outsideCalls how long the log of calls to outside services (token checks and refreshes) is kept
 * @param exports how long a data export's archive can be downloaded before it is deleted
 * @param audit how long the audit trail (who changed what, when, from where) is kept
 * @param batchSize rows deleted per transaction, so that a large purge never holds long locks
 * @param time the time of day (UTC) of the daily purge
 */
@Validated
@ConfigurationProperties("forkcast.retention")
public record RetentionProperties(
        @DefaultValue("400d") @NotNull Duration attempts,
        @DefaultValue("400d") @NotNull Duration engagementSnapshots,
        @DefaultValue("365d") @NotNull Duration captions,
        @DefaultValue("90d") @NotNull Duration outsideCalls,
        @DefaultValue("7d") @NotNull Duration exports,
        @DefaultValue("400d") @NotNull Duration audit,
        @DefaultValue("1000") @Min(1) @Max(100_000) int batchSize,
        @DefaultValue("03:30") @NotNull LocalTime time) {

    /** The configured periods by kind, without the kinds kept forever. */
    public Map<RetainedData, Duration> periods() {
        Map<RetainedData, Duration> periods = new EnumMap<>(RetainedData.class);
        periods.put(RetainedData.ATTEMPTS, attempts);
        periods.put(RetainedData.ENGAGEMENT_SNAPSHOTS, engagementSnapshots);
        periods.put(RetainedData.CAPTIONS, captions);
        periods.put(RetainedData.OUTSIDE_CALLS, outsideCalls);
        periods.put(RetainedData.EXPORTS, exports);
        periods.put(RetainedData.AUDIT, audit);
        periods.values().removeIf(period -> period.isZero() || period.isNegative());
        return periods;
    }
}
