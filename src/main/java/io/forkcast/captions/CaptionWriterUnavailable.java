package io.forkcast.captions;

/** The caption provider failed for good (after retries, or for a reason retrying cannot fix). */
class CaptionWriterUnavailable extends RuntimeException {

    private final String reason;

    CaptionWriterUnavailable(String reason) {
        super(reason);
        this.reason = reason;
    }

    /** A sentence for the client; never carries a credential. */
    String reason() {
        return reason;
    }
}
