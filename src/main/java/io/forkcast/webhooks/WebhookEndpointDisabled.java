package io.forkcast.webhooks;

import io.forkcast.tenancy.TenantId;

import java.util.UUID;

/** Forkcast stopped sending to an endpoint that failed every attempt for {@code forkcast.webhooks.disable-after}. */
public record WebhookEndpointDisabled(TenantId tenantId, UUID endpointId, String url, String reason) {
}
