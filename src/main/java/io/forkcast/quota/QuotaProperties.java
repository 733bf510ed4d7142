package io.forkcast.quota;

import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the quota module ({@code forkcast.quota.*}).
 *
 * @param redisUrl Redis holding the rate-limit buckets shared by every instance ({@code redis://host:6379});
 *                 empty keeps them in memory, per instance (the embedded default)
 * @param redisTimeout how long a bucket operation may wait for Redis before the instance falls back to its own buckets
 * @param redisRetryInterval while Redis is unreachable, how often one request tries it again
 * @param maxLeasedCalls with Redis, the most calls of one tenant an instance takes from the shared bucket in one
 *                       round trip and spends locally (never more than a thousandth of the plan's hourly allowance;
 *                       1 counts every call in Redis)
 * @param leaseTime how long calls taken in advance may be spent; what is left then is given up, and
 *                  {@code RateLimit-Remaining} may miss calls made on other instances for this long
 */
@ConfigurationProperties("forkcast.quota")
@Validated
record QuotaProperties(
        String redisUrl,
        @DefaultValue("250ms") Duration redisTimeout,
        @DefaultValue("5s") Duration redisRetryInterval,
        @DefaultValue("100") @Positive long maxLeasedCalls,
        @DefaultValue("1s") Duration leaseTime) {

    boolean usesRedis() {
        return redisUrl != null && !redisUrl.isBlank();
    }
}
