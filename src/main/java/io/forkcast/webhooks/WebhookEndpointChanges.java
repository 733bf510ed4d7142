package io.forkcast.webhooks;

import java.util.List;

/** Changes to an endpoint; {@code null} leaves a value as it is. Enabling a disabled endpoint resumes sending. */
public record WebhookEndpointChanges(String url, String description, List<String> events, Boolean enabled) {
}
