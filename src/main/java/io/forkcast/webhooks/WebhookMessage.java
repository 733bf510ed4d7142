package io.forkcast.webhooks;

import com.fasterxml.jackson.annotation.JsonValue;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One event for one endpoint: its body as sent ({@code payload}), where it stands, and every attempt.
 *
 * @param id the {@code webhook-id} header: the same on every attempt, for the receiver to drop repeats
 */
public record WebhookMessage(UUID id, UUID endpointId, WebhookEvent type, Status status, int attemptCount,
        Instant nextAttemptAt, Instant deliveredAt, Instant createdAt, String payload, List<Attempt> attempts) {

    public enum Status {
        PENDING, DELIVERED, FAILED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase();
        }
    }

    /**
     * @param statusCode      the endpoint's HTTP status; {@code null} when it did not answer
     * @param error           why the attempt failed, when it did
     * @param responseExcerpt the start of the endpoint's answer (at most 500 characters)
     */
    public record Attempt(Instant attemptedAt, Integer statusCode, int latencyMs, String error,
            String responseExcerpt) {
    }
}
