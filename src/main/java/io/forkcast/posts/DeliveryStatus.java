package io.forkcast.posts;

import com.fasterxml.jackson.annotation.JsonValue;
import io.forkcast.shared.jpa.WireNameColumn;
import jakarta.persistence.Converter;

/**
 * Where one network's delivery of a post is: {@code scheduled → publishing → published | failed}, with
 * {@code retrying} after a transient failure (back to {@code publishing} when the retry runs), {@code held} when it
 * would go out too late under the {@code hold} late policy, its account was disconnected or its network is switched
 * off on this Forkcast (the owner publishes it now or cancels it), and {@code cancelled} by the owner before it started.
 */
public enum DeliveryStatus {
    SCHEDULED, PUBLISHING, RETRYING, PUBLISHED, FAILED, CANCELLED, HELD;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    /** Whether the publish job may take this delivery up (publishing: an attempt interrupted by a crash). */
    boolean runnable() {
        return this == SCHEDULED || this == RETRYING || this == PUBLISHING;
    }

    /** Whether publishing has begun (or ended): the owner can no longer change or cancel it. */
    boolean started() {
        return this == PUBLISHING || this == RETRYING || this == PUBLISHED || this == FAILED;
    }

    @Converter(autoApply = true)
    static class Column extends WireNameColumn<DeliveryStatus> {

        Column() {
            super(DeliveryStatus.class);
        }
    }
}
