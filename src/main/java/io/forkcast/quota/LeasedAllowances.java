package io.forkcast.quota;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.ConsumptionProbe;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * Calls of a busy tenant taken from its Redis bucket a few at a time rather than one round trip per call: this
 * instance takes a small batch of tokens (a lease) and spends them locally for at most the lease time.
 *
 * <p>The trade-off, for plans large enough to lease at all (a lease is at most a thousandth of the hourly
 * allowance, so the plans of a few thousand calls per hour are still counted call by call, exactly):
 * <ul>
 * <li>the limit is never exceeded: tokens leave the shared bucket before the calls they pay for;</li>
 * <li>a call may be refused a little early: tokens leased but unspent when a lease expires are lost, at most one
 * lease per instance and tenant. The next lease is sized to what the last one actually served (doubling while
 * leases run out before they expire), so a tenant calling slowly leases one call at a time and loses nothing;</li>
 * <li>{@code RateLimit-Remaining} is what the shared bucket held when the lease was taken plus what this instance
 * still holds of it: calls on other instances since then show up at the next lease, at most the lease time later.</li>
 * </ul>
 * Near the end of the allowance a batch no longer fits, and calls go back to one round trip each. A lease that a
 * busy tenant spends fast is topped up when half of it is gone, by the call that finds it so, while the rest of it
 * serves the calls that come meanwhile: they wait for Redis only when a lease runs out before its top-up arrives.
 */
final class LeasedAllowances {

    /** A lease holds at most this fraction of the plan's hourly allowance, so small plans stay exact. */
    static final long LEASE_DIVISOR = 1000;

    private final long maxLease;
    private final long leaseNanos;
    private final LongSupplier nanoTime;
    private final Cache<String, Slot> slots;

    LeasedAllowances(long maxLease, Duration leaseTime, LongSupplier nanoTime) {
        this.maxLease = maxLease;
        this.leaseNanos = leaseTime.toNanos();
        this.nanoTime = nanoTime;
        this.slots = Caffeine.newBuilder()
                .expireAfterAccess(leaseTime.plusMinutes(1))
                .maximumSize(100_000)
                .build();
    }

    /** The largest lease for this limit; below 2, calls are counted one round trip each. */
    long largestLease(Bandwidth limit) {
        return Math.min(maxLease, limit.getCapacity() / LEASE_DIVISOR);
    }

    /**
     * Takes one call, from this instance's lease when it holds one, otherwise from the shared bucket through
     * {@code take} (tokens to take; the shared bucket's answer).
     */
    ConsumptionProbe tryConsume(String key, Bandwidth limit, LongFunction<ConsumptionProbe> take) {
        long largest = largestLease(limit);
        if (largest < 2) {
            return take.apply(1);
        }
        Slot slot = slots.get(key, k -> new Slot());
        long now = nanoTime.getAsLong();
        Lease current = slot.lease;
        ConsumptionProbe leased = current == null || current.expired(now, leaseNanos) ? null : current.take(now);
        if (leased != null) {
            if (current.runningOutEarly(now, leaseNanos) && slot.renewing.tryLock()) {
                try {
                    renewAhead(slot, current, now, largest, limit, take);
                } finally {
                    slot.renewing.unlock();
                }
            }
            return leased;
        }
        // The lease is spent or expired: one request renews it; the others queue behind it (as they would behind its
        // round trip) and then spend from the new lease.
        slot.renewing.lock();
        try {
            now = nanoTime.getAsLong();
            leased = slot.takeLeased(now);
            if (leased != null) {
                return leased;
            }
            long size = slot.nextSize(now, largest);
            ConsumptionProbe batch = take.apply(size);
            if (batch.isConsumed()) {
                slot.lease = new Lease(now, size, batch, limit);
                return slot.lease.take(now);
            }
            slot.lease = null;
            return size > 1 ? take.apply(1) : batch;
        } finally {
            slot.renewing.unlock();
        }
    }

    /**
     * Tops up a lease that is half spent in less than half its time, while its other half still serves the calls
     * that come meanwhile: a busy tenant's calls do not all wait for the round trip each time a lease runs out. The
     * new lease holds twice as many calls as the last (at most {@code largest}), counting what was left of it, so an
     * instance still holds at most one lease's worth per tenant. The call that renews has already been served from
     * the lease; should the round trip fail, the lease runs out and the next call renews it, or falls back, as
     * without this.
     */
    private void renewAhead(Slot slot, Lease current, long now, long largest, Bandwidth limit,
            LongFunction<ConsumptionProbe> take) {
        if (slot.lease != current || !current.startRenewal()) {
            return;
        }
        long wanted = Math.min(largest, 2 * current.size) - Math.max(0, current.left.get());
        if (wanted < 1) {
            return;
        }
        ConsumptionProbe batch;
        try {
            batch = take.apply(wanted);
        } catch (RuntimeException e) {
            return;
        }
        if (!batch.isConsumed()) {
            return;
        }
        long carried = Math.max(0, current.left.getAndSet(0));
        slot.lease = new Lease(now, wanted + carried, batch, limit);
    }

    /** Calls this instance holds for the bucket, leased and not spent (for showing usage). */
    long unspent(String key) {
        Slot slot = slots.getIfPresent(key);
        Lease lease = slot == null ? null : slot.lease;
        return lease == null || lease.expired(nanoTime.getAsLong(), leaseNanos) ? 0 : Math.max(0, lease.left.get());
    }

    private final class Slot {
        final ReentrantLock renewing = new ReentrantLock();
        volatile Lease lease;

        ConsumptionProbe takeLeased(long now) {
            Lease current = lease;
            return current == null || current.expired(now, leaseNanos) ? null : current.take(now);
        }

        /**
         * What the last lease served while it lasted: twice its size if it ran out before its time, else as much
         * as it served; one call after a refusal or at first.
         */
        long nextSize(long now, long largest) {
            Lease last = lease;
            if (last == null) {
                return 1;
            }
            long served = last.size - Math.max(0, last.left.get());
            long size = last.expired(now, leaseNanos) ? Math.max(1, served) : 2 * last.size;
            return Math.min(largest, size);
        }
    }

    private static final class Lease {
        final long grantedAt;
        final long size;
        final AtomicLong left;
        final long sharedRemaining;
        final long nanosUntilFullAtGrant;
        final double tokensPerNano;
        private final AtomicBoolean renewalStarted = new AtomicBoolean();

        /** {@code size} calls held from {@code now}, the shared bucket as {@code batch} left it. */
        Lease(long now, long size, ConsumptionProbe batch, Bandwidth limit) {
            this.grantedAt = now;
            this.size = size;
            this.left = new AtomicLong(size);
            this.sharedRemaining = batch.getRemainingTokens();
            this.nanosUntilFullAtGrant = batch.getNanosToWaitForReset();
            this.tokensPerNano = (double) limit.getRefillTokens() / limit.getRefillPeriodNanos();
        }

        boolean expired(long now, long leaseNanos) {
            return now - grantedAt >= leaseNanos;
        }

        /** Half of it spent within the first half of its time: at this pace it runs out before it expires. */
        boolean runningOutEarly(long now, long leaseNanos) {
            return size >= 2 && left.get() <= size / 2 && now - grantedAt < leaseNanos / 2;
        }

        /** True for the one caller that may renew this lease ahead of time. */
        boolean startRenewal() {
            return renewalStarted.compareAndSet(false, true);
        }

        /** One call from the lease, or {@code null} when it is spent. */
        ConsumptionProbe take(long now) {
            long stillHeld = left.decrementAndGet();
            if (stillHeld < 0) {
                return null;
            }
            // The calls still held here count as in the bucket: it is that much nearer full.
            long nanosUntilFull = Math.max(0, nanosUntilFullAtGrant - (now - grantedAt)
                    - (long) (stillHeld / tokensPerNano));
            return ConsumptionProbe.consumed(sharedRemaining + stillHeld, nanosUntilFull);
        }
    }
}
