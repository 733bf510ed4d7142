package io.forkcast.support;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand: time-dependent rules (expiry, "within 7 days") without waiting. */
public final class MutableClock extends Clock {

    private final AtomicReference<Instant> now = new AtomicReference<>(Instant.now());
    /** The real time, ticking, instead of {@link #now}: until the clock is moved, set or reset. */
    private volatile boolean ticking;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return ticking ? Instant.now() : now.get();
    }

    public void advance(Duration duration) {
        if (ticking) {
            now.set(Instant.now());
            ticking = false;
        }
        now.updateAndGet(instant -> instant.plus(duration));
    }

    /** Jumps to {@code instant} (forward or back). */
    public void set(Instant instant) {
        ticking = false;
        now.set(instant);
    }

    /** Follows the real time from now on, for a test that tells apart moments a few milliseconds apart. */
    public void tick() {
        ticking = true;
    }

    /** Back to the real time (standing still), for the next test. */
    public void reset() {
        ticking = false;
        now.set(Instant.now());
    }
}
