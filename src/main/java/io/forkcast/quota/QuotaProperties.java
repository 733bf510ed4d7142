package io.forkcast.quota;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the quota module ({@code forkcast.quota.*}).
 *
 * @param redisUrl Redis holding the rate-limit buckets shared by every instance ({@code redis://host:6379});
 *                 empty keeps them in memory, per instance (the embedded default)
 * @param redisTimeout how long a bucket operation may wait for Redis before the instance falls back to its own buckets
 * @param redisRetryInterval while Redis is unreachable, how often one request tries it again
 */
@ConfigurationProperties("forkcast.quota")
record QuotaProperties(
        String redisUrl,
        @DefaultValue("250ms") Duration redisTimeout,
        @DefaultValue("5s") Duration redisRetryInterval) {

    boolean usesRedis() {
        return redisUrl != null && !redisUrl.isBlank();
    }
}
