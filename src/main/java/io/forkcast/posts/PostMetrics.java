package io.forkcast.posts;

import io.forkcast.accounts.Platform;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Locale;

/**
 * The publishing metrics the dashboards and alerts read: {@code forkcast.posts.created} and
 * {@code forkcast.posts.published} by platform, {@code forkcast.posts.failed} by platform and reason (the kind of
 * failure, never a message), and {@code forkcast.publish.lateness} (published time minus scheduled time) as a
 * histogram.
 */
@Component
class PostMetrics {

    private final MeterRegistry meters;

    PostMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void created(Platform platform) {
        Counter.builder("forkcast.posts.created").description("Posts created (one per account)")
                .tag("platform", platform.wireName()).register(meters).increment();
    }

    /** A post went out {@code lateness} after its time (zero or more). */
    void published(Platform platform, Duration lateness) {
        Counter.builder("forkcast.posts.published").description("Posts published on the platform")
                .tag("platform", platform.wireName()).register(meters).increment();
        Timer.builder("forkcast.publish.lateness").description("How long after its time a post was published")
                .publishPercentileHistogram().maximumExpectedValue(Duration.ofHours(1))
                .register(meters).record(lateness.isNegative() ? Duration.ZERO : lateness);
    }

    /** A post failed for good; {@code reason} is a fixed word such as {@code invalid_request} or {@code account}. */
    void failed(Platform platform, String reason) {
        Counter.builder("forkcast.posts.failed").description("Posts that failed for good")
                .tag("platform", platform.wireName()).tag("reason", reason.toLowerCase(Locale.ROOT))
                .register(meters).increment();
    }
}
