package io.forkcast.posts;

import io.forkcast.shared.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.stereotype.Component;
import org.springframework.context.event.EventListener;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The publishing metrics, counted per delivery the dashboards and alerts read: {@code forkcast.posts.accepted} and
 * {@code forkcast.posts.published} by platform, {@code forkcast.posts.failed} by platform and reason (the kind of
 * failure, never a message), and {@code forkcast.publish.lateness} (published time minus scheduled time) as a
 * histogram.
 */
@Component
class PostMetrics {

    private final MeterRegistry meters;
    // Looked up once, not built and registered again for every published post.
    private final Map<Platform, Counter> accepted = new EnumMap<>(Platform.class);
    private final Map<Platform, Counter> published = new EnumMap<>(Platform.class);
    private final Timer lateness;

    PostMetrics(MeterRegistry meters) {
        this.meters = meters;
        // Every series from the start, at zero, so that rates and the alerts have a baseline.
        for (Platform platform : Platform.values()) {
            accepted.put(platform, accepted(platform));
            published.put(platform, published(platform));
            for (String reason : failureReasons()) {
                failures(platform, reason);
            }
        }
        lateness = lateness();
    }

    private static List<String> failureReasons() {
        List<String> reasons = new ArrayList<>();
        for (PublishOutcome.FailureKind kind : PublishOutcome.FailureKind.values()) {
            reasons.add(kind.tag());
        }
        return reasons;
    }

    /**
     * Counted once the creating transaction commits: a post created only to be checked (a CSV dry run, an import's
     * row check, both rolled back) was never created.
     */
    void created(Platform platform) {
        afterCommit(accepted.get(platform)::increment);
    }

    /**
     * Counted once the delivery's transition committed. Heard in the transaction and counted by a synchronization of
     * its own, not by an after-commit event listener: the event publication registry keeps a record of every such
     * listener's run, written, claimed and completed, and a counter does not need one.
     */
    @EventListener
    void on(DeliveryPublished published) {
        afterCommit(() -> {
            this.published.get(published.platform()).increment();
            lateness.record(published.lateness());
        });
    }

    /** Counted once the delivery's transition committed, by kind: never with the message. */
    @EventListener
    void on(DeliveryFailed failed) {
        afterCommit(() -> failures(failed.platform(), failed.reason()).increment());
    }

    private static void afterCommit(Runnable count) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            count.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                count.run();
            }
        });
    }

    private Counter failures(Platform platform, String reason) {
        return Counter.builder("forkcast.posts.failed").description("Deliveries that failed for good")
                .tag("platform", platform.wireName()).tag("reason", reason.toLowerCase(Locale.ROOT))
                .register(meters);
    }

    private Counter accepted(Platform platform) {
        return Counter.builder("forkcast.posts.accepted").description("Deliveries created (one per account of a post)")
                .tag("platform", platform.wireName()).register(meters);
    }

    private Counter published(Platform platform) {
        return Counter.builder("forkcast.posts.published").description("Deliveries published on the platform")
                .tag("platform", platform.wireName()).register(meters);
    }

    private Timer lateness() {
        return Timer.builder("forkcast.publish.lateness").description("How long after its time a post was published")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofHours(1)).register(meters);
    }
}
