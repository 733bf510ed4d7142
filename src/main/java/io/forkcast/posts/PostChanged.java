package io.forkcast.posts;

import io.forkcast.tenancy.TenantId;

/**
 * Someone created, edited, rescheduled, cancelled a post or put a delivery back on the schedule; {@code summary}
 * says what in a few words (the caption's first words, the new time, the delivery).
 */
public record PostChanged(TenantId tenantId, PostId postId, Change change, String summary) {

    public enum Change { CREATED, EDITED, CANCELLED, RETRIED }
}
