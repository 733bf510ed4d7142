package io.forkcast.shared.retention;

import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The daily purge of rows older than their retention period ({@link RetentionProperties}): for each configured
 * kind, its owner's {@link RetentionPurge} deletes batch after batch until one comes back short. Kinds kept
 * forever, or whose module declares no purge, are left alone.
 */
@Configuration(proxyBeanMethods = false)
public class Retention {

    static final String JOB = "retention-purge";

    /** What one purge of one kind deleted, and in how many batches (transactions). */
    public record Purged(int rows, int batches) {
    }

    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final List<RetentionPurge> purges;
    private final RetentionProperties properties;
    private final MeterRegistry registry;
    private final Clock clock;

    Retention(List<RetentionPurge> purges, RetentionProperties properties, MeterRegistry registry, Clock clock) {
        this.purges = purges;
        this.properties = properties;
        this.registry = registry;
        this.clock = clock;
    }

    @Bean
    RecurringTask<Void> retentionPurgeJob() {
        return Tasks.recurring(JOB, Schedules.daily(ZoneOffset.UTC, properties.time()))
                .execute((instance, context) -> purge(properties.periods(), properties.batchSize()));
    }

    /** Purges each kind in {@code periods} of the rows older than its period, {@code batchSize} rows at a time. */
    public Map<RetainedData, Purged> purge(Map<RetainedData, Duration> periods, int batchSize) {
        Instant now = clock.instant();
        Map<RetainedData, Purged> report = new EnumMap<>(RetainedData.class);
        for (RetentionPurge purge : purges) {
            Duration period = periods.get(purge.data());
            if (period == null) {
                continue;
            }
            Instant cutoff = now.minus(period);
            int rows = 0;
            int batches = 0;
            int deleted;
            do {
                deleted = purge.batch().deleteOlderThan(cutoff, batchSize);
                rows += deleted;
                batches++;
            } while (deleted >= batchSize);
            counter(purge.data()).increment(rows);
            report.merge(purge.data(), new Purged(rows, batches),
                    (a, b) -> new Purged(a.rows() + b.rows(), a.batches() + b.batches()));
            if (rows > 0) {
                log.info("Retention: deleted {} {} rows older than {} in {} batches", rows,
                        purge.data().name().toLowerCase(), cutoff, batches);
            }
        }
        return report;
    }

    private Counter counter(RetainedData data) {
        return Counter.builder("forkcast.retention.purged").description("Rows deleted by the retention purge")
                .tag("data", data.name().toLowerCase()).register(registry);
    }
}
