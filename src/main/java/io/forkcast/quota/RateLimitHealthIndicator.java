package io.forkcast.quota;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Component;

/**
 * Reports where rate-limit buckets live. Redis away is {@code DEGRADED}, not {@code DOWN}: the instance keeps
 * serving on its own buckets, so a load balancer must not take it out of rotation.
 */
@Component("rateLimits")
class RateLimitHealthIndicator implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "Redis is unreachable; rate limits are per instance");

    private final RateLimitBuckets buckets;

    RateLimitHealthIndicator(RateLimitBuckets buckets) {
        this.buckets = buckets;
    }

    @Override
    public Health health() {
        buckets.checkRedis();
        String mode = buckets.mode();
        Health.Builder health = "memory-fallback".equals(mode) ? Health.status(DEGRADED) : Health.up();
        return health.withDetail("store", mode).build();
    }
}
