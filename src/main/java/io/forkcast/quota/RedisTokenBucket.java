package io.forkcast.quota;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A token bucket kept in Redis and updated by one script, so that a decision costs one round trip (Bucket4j's
 * compare-and-swap proxy needs a read and then a scripted swap, and retries both when instances collide). The
 * script runs atomically in Redis and takes the time from Redis's own clock, so instances with drifting clocks
 * still share one consistent bucket. Refill is greedy, as with Bucket4j's {@code refillGreedy}: tokens come back
 * continuously, the plan's allowance over its period.
 *
 * <p>The bucket is one string, {@code "<tokens> <updated, microseconds>"}, that expires once it would be full again
 * (plus a minute): an idle tenant leaves nothing behind. A value the script cannot read (a bucket written by an
 * earlier version) counts as a full bucket and is replaced.
 */
final class RedisTokenBucket {

    // KEYS[1] the bucket; ARGV[1] capacity; ARGV[2] tokens refilled per period; ARGV[3] the period in microseconds;
    // ARGV[4] tokens to take (0 only looks). Returns {taken (1/0), tokens left (whole), microseconds until full,
    // microseconds until the wanted tokens are there (0 when taken)}.
    static final String SCRIPT = """
            local capacity = tonumber(ARGV[1])
            local perMicro = tonumber(ARGV[2]) / tonumber(ARGV[3])
            local wanted = tonumber(ARGV[4])
            local time = redis.call('TIME')
            local now = tonumber(time[1]) * 1000000 + tonumber(time[2])
            local tokens = capacity
            local state = redis.call('GET', KEYS[1])
            if state then
              local left, updated = string.match(state, '^(%S+) (%S+)$')
              if left and tonumber(left) and tonumber(updated) then
                tokens = math.min(capacity, tonumber(left) + math.max(0, now - tonumber(updated)) * perMicro)
              end
            end
            local taken = 0
            if tokens >= wanted then
              tokens = tokens - wanted
              taken = 1
            end
            local untilFull = math.ceil((capacity - tokens) / perMicro)
            local untilWanted = 0
            if taken == 0 then
              untilWanted = math.ceil((wanted - tokens) / perMicro)
            end
            if wanted > 0 then
              redis.call('SET', KEYS[1], string.format('%.17g %.17g', tokens, now),
                  'PX', math.ceil(untilFull / 1000) + 60000)
            end
            return {taken, math.floor(tokens), untilFull, untilWanted}
            """;

    private final RedisCommands<String, String> redis;
    private final RedisAsyncCommands<String, String> async;
    private final long timeoutNanos;
    private final String sha;

    /**
     * The script is called through the asynchronous API and waited for here, as the synchronous API would do, minus
     * its reflective proxy (a share of the rate limit's cost per request in a profile of {@code bench/api.sh}).
     */
    RedisTokenBucket(RedisCommands<String, String> redis, RedisAsyncCommands<String, String> async, Duration timeout) {
        this.redis = redis;
        this.async = async;
        this.timeoutNanos = timeout.toNanos();
        this.sha = redis.scriptLoad(SCRIPT);
    }

    /** Takes {@code tokens} from the bucket if it holds them (0 only looks), in one round trip. */
    ConsumptionProbe tryConsume(String key, Bandwidth limit, long tokens) {
        String[] keys = {key};
        String[] args = {Long.toString(limit.getCapacity()), Long.toString(limit.getRefillTokens()),
                Long.toString(TimeUnit.NANOSECONDS.toMicros(limit.getRefillPeriodNanos())), Long.toString(tokens)};
        List<Long> answer;
        try {
            answer = LettuceFutures.awaitOrCancel(async.<List<Long>>evalsha(sha, ScriptOutputType.MULTI, keys, args),
                    timeoutNanos, TimeUnit.NANOSECONDS);
        } catch (RedisNoScriptException flushed) {
            // Redis forgot its scripts (restarted, or SCRIPT FLUSH): send the script itself, which loads it again.
            answer = redis.eval(SCRIPT, ScriptOutputType.MULTI, keys, args);
        }
        long left = answer.get(1);
        long nanosUntilFull = TimeUnit.MICROSECONDS.toNanos(answer.get(2));
        return answer.get(0) == 1
                ? ConsumptionProbe.consumed(left, nanosUntilFull)
                : ConsumptionProbe.rejected(left, TimeUnit.MICROSECONDS.toNanos(answer.get(3)), nanosUntilFull);
    }
}
