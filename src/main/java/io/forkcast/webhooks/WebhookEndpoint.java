package io.forkcast.webhooks;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An endpoint as the tenant sees it: never its secret, which is shown once when made or rotated.
 *
 * @param disabledReason          why Forkcast stopped sending to it, when it did (re-enable it to resume)
 * @param failingSince            since when every attempt to reach it failed; {@code null} while it answers
 * @param previousSecretExpiresAt after a rotation, until when the previous secret still signs too
 */
public record WebhookEndpoint(UUID id, String url, String description, List<WebhookEvent> events, boolean enabled,
        String disabledReason, Instant failingSince, Instant previousSecretExpiresAt, Instant createdAt,
        Instant updatedAt) {
}
