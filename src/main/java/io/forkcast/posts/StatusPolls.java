package io.forkcast.posts;

import io.forkcast.meta.GraphError;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.Supplier;

/** Waiting for Meta to process an upload: an Instagram container, a Facebook video, Reel or Story. */
final class StatusPolls {

    /** How long after an upload was made its status is looked at every {@code initial} wait. */
    static final Duration FREQUENT_CONTAINER_LOOKS = Duration.ofSeconds(1);

    private StatusPolls() {
    }

    /**
     * Looks at a status until it is FINISHED: ERROR or EXPIRED end it with {@code failed}'s error, and so does
     * IN_PROGRESS beyond {@code pollMax}. The first look comes after {@code initial}, and the looks
     * come that often during the first second, then with doubling waits up to 5 s.
     */
    static void awaitFinished(Supplier<String> look, Duration initial, Duration pollMax, Clock clock,
            Function<String, ? extends GraphError> failed) {
        Instant deadline = clock.instant().plus(pollMax);
        Duration wait = initial;
        long started = System.nanoTime();
        while (true) {
            // A container just made is never ready at once: the first look comes after the first wait.
            LockSupport.parkNanos(wait.toNanos());
            String status = look.get();
            if ("FINISHED".equals(status)) {
                return;
            }
            if ("ERROR".equals(status) || "EXPIRED".equals(status)) {
                throw failed.apply(status);
            }
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(pollMax) > 0
                    || clock.instant().isAfter(deadline.plus(pollMax))) {
                throw failed.apply("IN_PROGRESS");
            }
            // An image container is usually ready within a second: look every initial wait until then, then less
            // and less often.
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(FREQUENT_CONTAINER_LOOKS) >= 0) {
                wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5)
                        : wait.multipliedBy(2);
            }
        }
    }

}
