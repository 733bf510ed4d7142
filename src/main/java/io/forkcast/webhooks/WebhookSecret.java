package io.forkcast.webhooks;

/** An endpoint with its signing secret, shown once: when the endpoint is made and when its secret is rotated. */
public record WebhookSecret(WebhookEndpoint endpoint, String secret) {
}
