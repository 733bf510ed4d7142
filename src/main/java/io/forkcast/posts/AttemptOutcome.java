package io.forkcast.posts;

import com.fasterxml.jackson.annotation.JsonValue;
import io.forkcast.shared.jpa.WireNameColumn;
import jakarta.persistence.Converter;

/**
 * How one publish attempt ended. {@code pending} is recorded before the first Graph call: an attempt still pending
 * after a crash, like a {@code transient} one, has an unknown outcome, and the next attempt looks on the platform
 * first. {@code reconciled} means the post was found already published there.
 */
public enum AttemptOutcome {
    PENDING, PUBLISHED, RECONCILED, TRANSIENT, FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    /** Whether the post may have gone out although this attempt did not record it. */
    boolean unknown() {
        return this == PENDING || this == TRANSIENT;
    }

    @Converter(autoApply = true)
    static class Column extends WireNameColumn<AttemptOutcome> {

        Column() {
            super(AttemptOutcome.class);
        }
    }
}
