package io.forkcast.quota;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.Test;

import java.time.Duration;
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

        assertThat(shared.roundTrips).isLessThan(20);
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
        // Leases of 1, 2, 4 ... 32 calls serve the first 63; the 64th takes a lease of 64, of which 7 are spent.
        for (int call = 1; call <= 70; call++) {
            leases.tryConsume("k", shared.limit, shared);
        }
        assertThat(shared.tokensTaken).isEqualTo(127);
        assertThat(leases.unspent("k")).isEqualTo(57);

        nanos.addAndGet(LEASE_TIME.toNanos());
        ConsumptionProbe afterExpiry = leases.tryConsume("k", shared.limit, shared);

        assertThat(shared.tokensTaken).as("the 57 given up, a new lease of 7").isEqualTo(127 + 7);
        assertThat(leases.unspent("k")).isEqualTo(6);
        assertThat(afterExpiry.getRemainingTokens()).isEqualTo(1_000_000 - 134 + 6);
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
