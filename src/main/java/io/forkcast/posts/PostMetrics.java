package io.forkcast.posts;

import io.forkcast.accounts.Platform;
import io.forkcast.meta.GraphError;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The publishing metrics the dashboards and alerts read: {@code forkcast.posts.accepted} and
 * {@code forkcast.posts.published} by platform, {@code forkcast.posts.failed} by platform and reason (the kind of
 * failure, never a message), and {@code forkcast.publish.lateness} (published time minus scheduled time) as a
 * histogram.
 */
@Component
class PostMetrics {

    private final MeterRegistry meters;

    PostMetrics(MeterRegistry meters) {
        this.meters = meters;
        // Every series from the start, at zero, so that rates and the alerts have a baseline.
        for (Platform platform : Platform.values()) {
            accepted(platform);
            published(platform);
            for (String reason : failureReasons()) {
                failures(platform, reason);
            }
        }
        lateness();
    }

    private static List<String> failureReasons() {
        List<String> reasons = new ArrayList<>();
        for (GraphError.Kind kind : GraphError.Kind.values()) {
            reasons.add(kind.name());
        }
        reasons.add("container");
        reasons.add("account");
        return reasons;
    }

    void created(Platform platform) {
        accepted(platform).increment();
    }

    /** A post went out {@code lateness} after its time (zero or more). */
    void published(Platform platform, Duration lateness) {
        published(platform).increment();
        lateness().record(lateness.isNegative() ? Duration.ZERO : lateness);
    }

    /** A post failed for good; {@code reason} is a fixed word such as {@code invalid_request} or {@code account}. */
    void failed(Platform platform, String reason) {
        failures(platform, reason).increment();
    }

    private Counter failures(Platform platform, String reason) {
        return Counter.builder("forkcast.posts.failed").description("Posts that failed for good")
                .tag("platform", platform.wireName()).tag("reason", reason.toLowerCase(Locale.ROOT))
                .register(meters);
    }

    private Counter accepted(Platform platform) {
        return Counter.builder("forkcast.posts.accepted").description("Posts created (one per account)")
                .tag("platform", platform.wireName()).register(meters);
    }

    private Counter published(Platform platform) {
        return Counter.builder("forkcast.posts.published").description("Posts published on the platform")
                .tag("platform", platform.wireName()).register(meters);
    }

    private Timer lateness() {
        return Timer.builder("forkcast.publish.lateness").description("How long after its time a post was published")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofHours(1)).register(meters);
    }
}
