package io.forkcast.quota;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shared bucket here is a real token bucket (Bucket4j's, on a clock the test moves), standing in for the one in
 * Redis; the Redis script itself is covered by {@code RedisRateLimitIT}.
 */
class LeasedAllowancesTest {

    private static final Duration LEASE_TIME = Duration.ofSeconds(1);

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final LeasedAllowances leases = new LeasedAllowances(100, LEASE_TIME, nanos::get);

    @Test
    void plansUnderTwoThousandCallsAnHourAreCountedOneRoundTripPerCall() {
        SharedBucket shared = new SharedBucket(1_999);

        for (int call = 1; call <= 50; call++) {
            ConsumptionProbe probe = leases.tryConsume("k", shared.limit, shared);
            assertThat(probe.getRemainingTokens()).isEqualTo(1_999 - call);
        }

        assertThat(shared.roundTrips).isEqualTo(50);
        assertThat(shared.tokensTaken).isEqualTo(50);
    }

    @Test
    void aBusyTenantsCallsTakeFarFewerRoundTripsAndTheRemainingCountStaysExactOnOneInstance() {
        SharedBucket shared = new SharedBucket(1_000_000);

        for (int call = 1; call <= 1_000; call++) {
            ConsumptionProbe probe = leases.tryConsume("k", shared.limit, shared);
            assertThat(probe.isConsumed()).isTrue();
            assertThat(probe.getRemainingTokens()).as("call %d", call).isEqualTo(1_000_000 - call);
        }

        // Leases double up to 100 calls, each topped up when half spent: about one round trip per 50 calls.
        assertThat(shared.roundTrips).isLessThan(40);
        assertThat(shared.tokensTaken - 1_000).as("held, not yet spent").isBetween(0L, 99L);
        assertThat(leases.unspent("k")).isEqualTo(shared.tokensTaken - 1_000);
    }

    @Test
    void aTenantCallingSlowlyLeasesOneCallAtATimeAndLosesNothing() {
        SharedBucket shared = new SharedBucket(1_000_000);

        for (int call = 1; call <= 30; call++) {
            leases.tryConsume("k", shared.limit, shared);
            nanos.addAndGet(LEASE_TIME.toNanos() + 1);
        }

        assertThat(shared.tokensTaken).isEqualTo(30);
    }

    @Test
    void theLimitIsNeverExceededAndTheLastCallsGoOneByOne() {
        SharedBucket shared = new SharedBucket(5_000);
        int allowed = 0;

        for (int call = 1; call <= 6_000; call++) {
            if (leases.tryConsume("k", shared.limit, shared).isConsumed()) {
                allowed++;
            }
        }

        assertThat(allowed).isEqualTo(5_000);
        assertThat(shared.tokensTaken).isEqualTo(5_000);
    }

    @Test
    void callsLeftInAnExpiredLeaseAreGivenUpAndTheNextLeaseIsSizedToWhatTheLastServed() {
        SharedBucket shared = new SharedBucket(1_000_000);
        // Leases of 1 and 2 calls, then each topped up when half spent to 4, 8, 16, 32, 64 and 100 calls (the 65th
        // call takes the lease of 100, counting the 32 left of the 64): after 70 calls, 165 taken and 95 held.
        for (int call = 1; call <= 70; call++) {
            leases.tryConsume("k", shared.limit, shared);
        }
        assertThat(shared.tokensTaken).isEqualTo(165);
        assertThat(leases.unspent("k")).isEqualTo(95);

        nanos.addAndGet(LEASE_TIME.toNanos());
        ConsumptionProbe afterExpiry = leases.tryConsume("k", shared.limit, shared);

        assertThat(shared.tokensTaken).as("the 95 given up, a new lease of the 5 the last one served")
                .isEqualTo(165 + 5);
        assertThat(leases.unspent("k")).isEqualTo(4);
        assertThat(afterExpiry.getRemainingTokens()).isEqualTo(1_000_000 - 170 + 4);
    }

    @Test
    void callsKeepBeingServedFromTheLeaseWhileItIsRenewed() throws Exception {
        SharedBucket shared = new SharedBucket(1_000_000);
        for (int call = 1; call <= 300; call++) {
            leases.tryConsume("k", shared.limit, shared);
        }
        CountDownLatch renewing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        LongFunction<ConsumptionProbe> slowRedis = tokens -> {
            renewing.countDown();
            await(release);
            return shared.apply(tokens);
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            // Calls until one of them renews the lease, and waits in the round trip.
            Future<Integer> renewer = threads.submit(() -> {
                int calls = 0;
                while (renewing.getCount() > 0) {
                    leases.tryConsume("k", shared.limit, slowRedis);
                    calls++;
                }
                return calls;
            });
            assertThat(renewing.await(30, TimeUnit.SECONDS)).isTrue();
            long tripsBefore = shared.roundTrips;

            // Meanwhile other calls are served from what is left of the lease, without waiting for the round trip.
            Future<Long> others = threads.submit(() -> {
                long remaining = 0;
                for (int call = 0; call < 10; call++) {
                    ConsumptionProbe probe = leases.tryConsume("k", shared.limit, slowRedis);
                    assertThat(probe.isConsumed()).isTrue();
                    remaining = probe.getRemainingTokens();
                }
                return remaining;
            });
            long remaining = others.get(30, TimeUnit.SECONDS);
            assertThat(shared.roundTrips).isEqualTo(tripsBefore);

            release.countDown();
            int renewerCalls = renewer.get(30, TimeUnit.SECONDS);
            long served = 300 + renewerCalls + 10;
            assertThat(remaining).isEqualTo(1_000_000 - served);
            ConsumptionProbe next = leases.tryConsume("k", shared.limit, shared);
            assertThat(next.getRemainingTokens()).as("exact again once the new lease holds the rest")
                    .isEqualTo(1_000_000 - served - 1);
            assertThat(shared.tokensTaken - served - 1).as("held, not yet spent").isBetween(0L, 99L);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A token bucket of {@code capacity} calls per hour that counts the calls made to it. */
    private final class SharedBucket implements LongFunction<ConsumptionProbe> {
        final Bandwidth limit;
        final Bucket bucket;
        long roundTrips;
        long tokensTaken;

        SharedBucket(long capacity) {
            limit = Bandwidth.builder().capacity(capacity).refillGreedy(capacity, Duration.ofHours(1)).build();
            bucket = Bucket.builder().addLimit(limit).withCustomTimePrecision(new TimeMeter() {
                @Override
                public long currentTimeNanos() {
                    return 0; // no refill within a test: the counts stay exact
                }

                @Override
                public boolean isWallClockBased() {
                    return false;
                }
            }).build();
        }

        @Override
        public ConsumptionProbe apply(long tokens) {
            roundTrips++;
            ConsumptionProbe probe = bucket.tryConsumeAndReturnRemaining(tokens);
            if (probe.isConsumed()) {
                tokensTaken += tokens;
            }
            return probe;
        }
    }
}
