package io.forkcast.shared.jobs;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.time.Instant;

/**
 * Tells this instance's job runner when a job is due, so that it looks for it at that instant rather than at its
 * next polling tick. Fed by every schedule and reschedule made here (once their transaction committed: before, the
 * runner could not see the job) and, on PostgreSQL, by the notifications of jobs scheduled anywhere. Does nothing
 * while the runner is stopped or off ({@code forkcast.jobs.enabled=false}).
 */
final class DueJobAlarm {

    private volatile NextDueWaiter waiter;

    void attach(NextDueWaiter running) {
        waiter = running;
    }

    void detach() {
        waiter = null;
    }

    /** A job was scheduled for {@code instant}; inside a transaction, it counts once the transaction committed. */
    void scheduled(Instant instant) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    dueAt(instant);
                }
            });
        } else {
            dueAt(instant);
        }
    }

    /** A job is due at {@code instant} (committed already). */
    void dueAt(Instant instant) {
        NextDueWaiter current = waiter;
        if (current != null) {
            current.dueAt(instant);
        }
    }

    /** Look at the job table now: jobs may have been scheduled while nobody listened. */
    void checkNow() {
        dueAt(Instant.MIN);
    }
}
