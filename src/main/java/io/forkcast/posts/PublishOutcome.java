package io.forkcast.posts;

import java.time.Instant;

/** How an attempt at a delivery ended, as the publisher hands it to the post. */
sealed interface PublishOutcome {

    /** Graph took the post: {@code permalink} may be null when Graph did not tell it. */
    record Published(String platformPostId, String permalink, Instant postedAt) implements PublishOutcome {
    }

    /** The post was found already on the platform (an earlier attempt's outcome was unknown). */
    record Reconciled(String platformPostId, String permalink, Instant postedAt) implements PublishOutcome {
    }

    /** A transient failure: the delivery is tried again at {@code retryAt}. */
    record WillRetry(Failure failure, Instant retryAt) implements PublishOutcome {
    }

    /** The delivery failed for good (until the owner retries it). */
    record Failed(Failure failure) implements PublishOutcome {
    }

    /**
     * Why an attempt failed: Graph's code ({@code 190/460}, or {@code account} when no token was usable), a sentence
     * the owner can act on, and the kind of failure the metrics count.
     */
    record Failure(String code, String message, FailureKind kind) {
    }

    /** The kinds of failure, a fixed set so that metrics never carry a message. */
    enum FailureKind {
        TRANSIENT, RATE_LIMITED, AUTH_INVALID, PERMISSION, INVALID_REQUEST, UNKNOWN, CONTAINER, ACCOUNT;

        String tag() {
            return name().toLowerCase();
        }
    }
}
