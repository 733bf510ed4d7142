package io.forkcast.posts;

import com.fasterxml.jackson.annotation.JsonValue;
import io.forkcast.shared.jpa.WireNameColumn;
import jakarta.persistence.Converter;

import java.util.Collection;

/**
 * Where a post is, derived from its deliveries (see {@link #of}); stored beside them so that lists can filter on
 * it, and recomputed by the post on every change of a delivery.
 */
public enum PostStatus {
    SCHEDULED, PUBLISHING, PUBLISHED, PARTIALLY_PUBLISHED, FAILED, CANCELLED, HELD,
    /** Changes were asked for by an approver; its author edits and submits it again. */
    DRAFT,
    /** Waiting for an owner or admin to approve it; it never publishes while here. */
    PENDING_APPROVAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    public static PostStatus fromWire(String value) {
        for (PostStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        return null;
    }

    /**
     * The post's status from its deliveries' statuses: publishing while any is under way, else held while any waits
     * for the owner, else scheduled while any waits for its time; once all are done, published or failed when
     * every one not cancelled ended so, partially published when they differ, cancelled when all were cancelled.
     */
    static PostStatus of(Collection<DeliveryStatus> deliveries) {
        if (deliveries.contains(DeliveryStatus.PUBLISHING) || deliveries.contains(DeliveryStatus.RETRYING)) {
            return PUBLISHING;
        }
        if (deliveries.contains(DeliveryStatus.HELD)) {
            return HELD;
        }
        if (deliveries.contains(DeliveryStatus.SCHEDULED)) {
            return SCHEDULED;
        }
        boolean published = deliveries.contains(DeliveryStatus.PUBLISHED);
        boolean failed = deliveries.contains(DeliveryStatus.FAILED);
        if (published && failed) {
            return PARTIALLY_PUBLISHED;
        }
        return published ? PUBLISHED : failed ? FAILED : CANCELLED;
    }

    @Converter(autoApply = true)
    static class Column extends WireNameColumn<PostStatus> {

        Column() {
            super(PostStatus.class);
        }
    }
}
