package io.forkcast.webhooks;

import java.util.List;

/** What a tenant registers: an HTTPS address, the events it wants, and a note of its own. */
public record NewWebhookEndpoint(String url, String description, List<String> events) {
}
