package io.forkcast.webhooks;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Optional;

/** The events an endpoint can subscribe to, by their names on the wire ({@code type} of every message). */
public enum WebhookEvent {
    DELIVERY_PUBLISHED("delivery.published"),
    DELIVERY_FAILED("delivery.failed"),
    POST_PUBLISHED("post.published"),
    POST_FAILED("post.failed"),
    ACCOUNT_NEEDS_RECONNECT("account.needs_reconnect"),
    APPROVAL_REQUESTED("approval.requested"),
    APPROVAL_APPROVED("approval.approved"),
    APPROVAL_CHANGES_REQUESTED("approval.changes_requested"),
    APPROVAL_REJECTED("approval.rejected"),
    /** Sent only when the owner asks for a test message; no endpoint subscribes to it. */
    WEBHOOK_TEST("webhook.test");

    private final String wireName;

    WebhookEvent(String wireName) {
        this.wireName = wireName;
    }

    @JsonValue
    public String wireName() {
        return wireName;
    }

    public boolean subscribable() {
        return this != WEBHOOK_TEST;
    }

    public static Optional<WebhookEvent> fromWire(String name) {
        return Arrays.stream(values()).filter(event -> event.wireName.equals(name)).findFirst();
    }
}
