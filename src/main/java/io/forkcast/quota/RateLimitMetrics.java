package io.forkcast.quota;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * {@code forkcast.ratelimit.redis.available}: 1 while the rate-limit buckets are shared through Redis, 0 while
 * this instance has fallen back to its own buckets. Registered only when a Redis is configured. The value is what
 * the instance last saw: every call with an API key and every readiness probe asks Redis, so an idle instance
 * still reports within one probe period.
 */
@Component
class RateLimitMetrics implements MeterBinder {

    private final RateLimitBuckets buckets;
    private final QuotaProperties properties;

    RateLimitMetrics(RateLimitBuckets buckets, QuotaProperties properties) {
        this.buckets = buckets;
        this.properties = properties;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!properties.usesRedis()) {
            return;
        }
        Gauge.builder("forkcast.ratelimit.redis.available", buckets, b -> "redis".equals(b.mode()) ? 1 : 0)
                .description("1 while rate limits are shared through Redis, 0 while this instance counts alone")
                .register(registry);
    }
}
