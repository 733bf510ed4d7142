package io.forkcast.posts;

import com.fasterxml.jackson.annotation.JsonValue;
import io.forkcast.shared.jpa.WireNameColumn;
import jakarta.persistence.Converter;

/**
 * Where a delivery's first comment is: {@code pending} until the delivery is published, {@code posting} from just
 * before the call (an outcome not known yet: a crash leaves it so, and the next run looks for the comment before
 * posting again), {@code retrying} after a temporary failure, then {@code posted} or {@code failed} (the post stays
 * published either way).
 */
public enum FirstCommentStatus {
    PENDING, POSTING, RETRYING, POSTED, FAILED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    /** Whether the first-comment job still has work to do. */
    boolean open() {
        return this == PENDING || this == POSTING || this == RETRYING;
    }

    @Converter(autoApply = true)
    static class Column extends WireNameColumn<FirstCommentStatus> {

        Column() {
            super(FirstCommentStatus.class);
        }
    }
}
