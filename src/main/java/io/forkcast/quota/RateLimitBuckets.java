package io.forkcast.quota;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Where the buckets live. With a Redis URL, in Redis ({@link RedisTokenBucket}: one round trip per decision, or
 * per small batch of a busy tenant's calls, see {@link LeasedAllowances}), so every instance draws on one budget per
 * tenant; without one (the embedded default), in this instance's memory.
 *
 * <p>When Redis stops answering, the API keeps serving on per-instance buckets: one warning when that starts,
 * one line when Redis is back, never a line per request. While Redis is away, one request per retry interval
 * tries it again; the others go straight to memory and never wait for a timeout.
 */
@Component
class RateLimitBuckets implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(RateLimitBuckets.class);

    private final QuotaProperties properties;
    private final Clock clock;
    private final Cache<String, Bucket> localBuckets = Caffeine.newBuilder()
            .expireAfterAccess(Duration.ofHours(2))
            .maximumSize(1_000_000)
            .build();
    private final LeasedAllowances leases;
    private final ClientResources clientResources;
    private final RedisClient redisClient;
    private final AtomicReference<RedisTokenBucket> redisBucket = new AtomicReference<>();
    private final AtomicBoolean redisHealthy = new AtomicBoolean(true);
    private final AtomicReference<Instant> nextRedisAttempt = new AtomicReference<>(Instant.MIN);
    private final ReentrantLock connecting = new ReentrantLock();
    private volatile StatefulRedisConnection<String, String> connection;

    RateLimitBuckets(QuotaProperties properties, Clock clock) {
        this.properties = properties;
        this.clock = clock;
        this.leases = new LeasedAllowances(properties.maxLeasedCalls(), properties.leaseTime(), System::nanoTime);
        if (properties.usesRedis()) {
            RedisURI uri = RedisURI.create(properties.redisUrl());
            uri.setTimeout(properties.redisTimeout());
            // No per-command latency statistics: Lettuce keeps them when HdrHistogram and LatencyUtils are on the
            // class path (Micrometer brings both), with a pause-detector thread, and nothing here reads them.
            this.clientResources = DefaultClientResources.builder()
                    .commandLatencyRecorder(CommandLatencyRecorder.disabled())
                    .build();
            this.redisClient = RedisClient.create(clientResources, uri);
            // Connecting is bounded by the same time-out as a command (Lettuce's own default is 10 s): a request
            // that finds Redis unreachable waits no longer for the connection than it would for an answer.
            redisClient.setOptions(ClientOptions.builder()
                    .socketOptions(SocketOptions.builder().connectTimeout(properties.redisTimeout()).build())
                    .timeoutOptions(TimeoutOptions.enabled(properties.redisTimeout()))
                    .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                    .build());
        } else {
            this.clientResources = null;
            this.redisClient = null;
        }
    }

    ConsumptionProbe tryConsume(String key, Bandwidth limit) {
        if (redisClient != null && shouldTryRedis()) {
            try {
                RedisTokenBucket redis = redis();
                if (redis != null) {
                    ConsumptionProbe probe = leases.tryConsume(key, limit,
                            tokens -> redis.tryConsume(key, limit, tokens));
                    redisAnswered();
                    return probe;
                }
            } catch (RuntimeException e) {
                redisFailed(e);
            }
        }
        return localBuckets.get(key, k -> Bucket.builder().addLimit(limit).build())
                .tryConsumeAndReturnRemaining(1);
    }

    /** Tokens left in a bucket, taking none (for showing usage); a bucket never used is full. */
    long available(String key, Bandwidth limit) {
        if (redisClient != null && shouldTryRedis()) {
            try {
                RedisTokenBucket redis = redis();
                if (redis != null) {
                    long left = Math.min(limit.getCapacity(),
                            redis.tryConsume(key, limit, 0).getRemainingTokens() + leases.unspent(key));
                    redisAnswered();
                    return left;
                }
            } catch (RuntimeException e) {
                redisFailed(e);
            }
        }
        return localBuckets.get(key, k -> Bucket.builder().addLimit(limit).build()).getAvailableTokens();
    }

    /**
     * Asks Redis whether it is there (for the health check, which load balancers call regularly): so an instance
     * that starts while Redis is away, or sits idle while it comes back, still reports the truth.
     */
    void checkRedis() {
        if (redisClient == null || !shouldTryRedis()) {
            return;
        }
        try {
            if (redis() != null) {
                connection.sync().ping();
                redisAnswered();
            }
        } catch (RuntimeException e) {
            redisFailed(e);
        }
    }

    /** Where buckets are kept right now: {@code memory}, {@code redis}, or {@code memory-fallback} while Redis is away. */
    String mode() {
        if (redisClient == null) {
            return "memory";
        }
        return redisHealthy.get() ? "redis" : "memory-fallback";
    }

    private boolean shouldTryRedis() {
        if (redisHealthy.get()) {
            return true;
        }
        Instant due = nextRedisAttempt.get();
        Instant now = clock.instant();
        // Exactly one request per interval wins the right to try.
        return now.isAfter(due) && nextRedisAttempt.compareAndSet(due, now.plus(properties.redisRetryInterval()));
    }

    /**
     * The Redis-backed buckets, connecting on first use; {@code null} while another request is connecting, so
     * that concurrent requests use memory instead of queueing behind one connection attempt each.
     */
    private RedisTokenBucket redis() {
        RedisTokenBucket bucket = redisBucket.get();
        if (bucket != null) {
            return bucket;
        }
        if (!connecting.tryLock()) {
            return null;
        }
        try {
            if (redisBucket.get() == null) {
                StatefulRedisConnection<String, String> opened = redisClient.connect(StringCodec.UTF8);
                RedisTokenBucket loaded;
                try {
                    loaded = new RedisTokenBucket(opened.sync(), opened.async(), properties.redisTimeout());
                } catch (RuntimeException e) {
                    opened.close();
                    throw e;
                }
                connection = opened;
                redisBucket.set(loaded);
            }
            return redisBucket.get();
        } finally {
            connecting.unlock();
        }
    }

    private void redisAnswered() {
        if (redisHealthy.compareAndSet(false, true)) {
            log.info("Redis answers again: rate limits are shared across instances once more");
        }
    }

    private void redisFailed(RuntimeException e) {
        nextRedisAttempt.set(clock.instant().plus(properties.redisRetryInterval()));
        if (redisHealthy.compareAndSet(true, false)) {
            log.warn("Redis does not answer ({}): rate limits fall back to this instance's own buckets until it "
                    + "returns", e.getClass().getSimpleName());
        }
    }

    @Override
    public void destroy() {
        if (connection != null) {
            connection.close();
        }
        if (redisClient != null) {
            redisClient.shutdown();
            // Resources given to the client outlive it: they are shut down by whoever made them.
            clientResources.shutdown();
        }
    }
}
