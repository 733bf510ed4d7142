package io.forkcast.shared.jobs;

import com.github.kagkarlsson.scheduler.Clock;
import com.github.kagkarlsson.scheduler.Waiter;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How db-scheduler's polling thread waits between two looks at the job table: until the earliest due job's instant
 * or the polling interval, whichever comes first. Before each wait it asks the table for the earliest job not yet
 * claimed that came due after the previous look began; {@link #dueAt} brings the wake-up forward when a job is
 * scheduled meanwhile (on this instance, or on another one through the database's notifications). Claiming stays
 * db-scheduler's: this only decides when it looks.
 *
 * <p>Waits on the scheduler's clock, like db-scheduler's own waiter, so that a test moving that clock past a job's
 * time sees it run.
 */
final class NextDueWaiter extends Waiter {

    /** The earliest job not yet claimed whose time is after the given instant, if any. */
    interface EarliestDue {
        Optional<Instant> after(Instant instant);
    }

    private final Duration pollingInterval;
    private final Clock clock;
    private final EarliestDue earliestDue;
    private final WakeUps wakeUps;
    private final Object lock = new Object();
    /** The earliest due instant known and not yet looked for; {@code null}: none before the next tick. */
    private Instant earliest;
    private boolean waiting;
    /** When the polling thread last stopped waiting: its look at the table began at or after it. */
    private Instant lastWake;

    NextDueWaiter(Duration pollingInterval, Clock clock, EarliestDue earliestDue, WakeUps wakeUps) {
        super(pollingInterval, clock);
        this.pollingInterval = pollingInterval;
        this.clock = clock;
        this.earliestDue = earliestDue;
        this.wakeUps = wakeUps;
        this.lastWake = clock.now();
    }

    /** Counts why the polling thread looked at the table: a job's time, a signal, or the polling interval. */
    interface WakeUps {
        void woke(Reason reason);
    }

    enum Reason {
        /** a job's due instant came (or one is due now: scheduled for now, or more waiting after a full batch) */
        DUE,
        /** the polling interval passed */
        TICK
    }

    /** A job is due at {@code instant}: look for it then, or now if that is not later than now. */
    void dueAt(Instant instant) {
        synchronized (lock) {
            if (earliest == null || instant.isBefore(earliest)) {
                earliest = instant;
                lock.notifyAll();
            }
        }
    }

    @Override
    public void doWait() throws InterruptedException {
        // Jobs that came due between the start of the previous look and now may have been committed after it: they
        // make the next look an immediate one. Jobs due before are db-scheduler's own backlog (it looks again as
        // soon as its threads can take more).
        Optional<Instant> next = earliestDue.after(lastWake);
        Instant tick = clock.now().plus(pollingInterval);
        Reason reason;
        synchronized (lock) {
            next.ifPresent(this::lowerEarliest);
            waiting = true;
            try {
                while (true) {
                    Instant now = clock.now();
                    boolean dueFirst = earliest != null && earliest.isBefore(tick);
                    Instant until = dueFirst ? earliest : tick;
                    if (!now.isBefore(until)) {
                        reason = dueFirst ? Reason.DUE : Reason.TICK;
                        break;
                    }
                    // Never longer than the interval at once: a clock moved by hand is looked at again.
                    lock.wait(Math.min(ceilMillis(Duration.between(now, until)),
                            Math.max(1, pollingInterval.toMillis())));
                }
            } finally {
                waiting = false;
            }
            lastWake = clock.now();
            if (earliest != null && !earliest.isAfter(lastWake)) {
                earliest = null;
            }
        }
        wakeUps.woke(reason);
    }

    private void lowerEarliest(Instant instant) {
        if (earliest == null || instant.isBefore(earliest)) {
            earliest = instant;
        }
    }

    private static long ceilMillis(Duration duration) {
        return Math.max(1, (duration.toNanos() + 999_999) / 1_000_000);
    }

    /** db-scheduler's "check for due executions now" (a batch done, more waiting in the table). */
    @Override
    public boolean wake() {
        synchronized (lock) {
            if (!waiting) {
                return false;
            }
            dueAt(Instant.MIN);
            return true;
        }
    }

    @Override
    public void wakeOrSkipNextWait() {
        dueAt(Instant.MIN);
    }

    @Override
    public boolean isWaiting() {
        synchronized (lock) {
            return waiting;
        }
    }
}
