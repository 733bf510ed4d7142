package io.forkcast.posts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofSeconds(30), Duration.ofMinutes(15));

    /** A generator that always answers the lowest or the highest value asked for. */
    private static RandomGenerator always(boolean highest) {
        return new RandomGenerator() {
            @Override
            public long nextLong() {
                return 0;
            }

            @Override
            public long nextLong(long bound) {
                return highest ? bound - 1 : 0;
            }
        };
    }

    @Test
    void eachRetryWaitsTwiceAsLong_upToTheMaximum() {
        assertThat(backoff.delay(1, always(false))).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.delay(2, always(false))).isEqualTo(Duration.ofSeconds(60));
        assertThat(backoff.delay(3, always(false))).isEqualTo(Duration.ofSeconds(120));
        assertThat(backoff.delay(6, always(false))).isEqualTo(Duration.ofMinutes(15));
        assertThat(backoff.delay(60, always(false))).as("no overflow").isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void theJitterAddsAtMostHalf() {
        assertThat(backoff.delay(1, always(true))).isEqualTo(Duration.ofSeconds(45));
        assertThat(backoff.delay(60, always(true))).isEqualTo(Duration.ofMinutes(15).plusSeconds(450));
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            assertThat(backoff.delay(2, random)).isBetween(Duration.ofSeconds(60), Duration.ofSeconds(90));
        }
    }

    @Test
    void attemptsCountFromOne() {
        assertThatThrownBy(() -> backoff.delay(0, always(false))).isInstanceOf(IllegalArgumentException.class);
    }
}
