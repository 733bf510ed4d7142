package io.forkcast.posts;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * The wait before retry n of a delivery: {@code base × 2^(n-1)}, at most {@code max}, plus up to 50 % jitter so that
 * deliveries that failed together do not all come back in the same second.
 */
record Backoff(Duration base, Duration max) {

    Duration delay(int attempt, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("Attempts count from 1");
        }
        Duration delay = base.multipliedBy(1L << Math.min(20, attempt - 1));
        if (delay.compareTo(max) > 0) {
            delay = max;
        }
        long jitter = delay.toMillis() <= 1 ? 0 : random.nextLong(delay.toMillis() / 2 + 1);
        return delay.plusMillis(jitter);
    }
}
