package io.forkcast.support;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Looks into a Redis server directly, beside the application, with a short-lived Lettuce client: what the
 * application stored there is evidence that it shares its state through Redis.
 */
public final class RedisKeys {

    /** The Redis of the {@code postgres} profile, shared by every instance. */
    public static final String SHARED_REDIS = "redis://127.0.0.1:6379";

    private RedisKeys() {
    }

    public static boolean exists(String redisUrl, String key) {
        return run(redisUrl, redis -> redis.exists(key) == 1);
    }

    /** Seconds until the key expires: -1 without expiry, -2 when there is no such key. */
    public static long ttlSeconds(String redisUrl, String key) {
        return run(redisUrl, redis -> redis.ttl(key));
    }

    /** Stores a string under a key, with no expiry. */
    public static void set(String redisUrl, String key, String value) {
        run(redisUrl, redis -> redis.set(key, value));
    }

    public static boolean answers(String redisUrl) {
        try {
            return run(redisUrl, redis -> "PONG".equals(redis.ping()));
        } catch (RuntimeException unreachable) {
            return false;
        }
    }

    private static <T> T run(String redisUrl, Function<RedisCommands<String, String>, T> command) {
        RedisURI uri = RedisURI.create(redisUrl);
        uri.setTimeout(Duration.ofSeconds(2));
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            return command.apply(connection.sync());
        } finally {
            client.shutdown(0, 2, TimeUnit.SECONDS);
        }
    }
}
