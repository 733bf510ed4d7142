package io.forkcast.webhooks;

import io.forkcast.tenancy.TenantId;

import java.util.UUID;

/**
 * Forkcast stopped sending to an endpoint that failed every attempt for {@code forkcast.webhooks.disable-after}.
 * Heard in the transaction that disabled it by the audit trail, and after commit by the owner's notice.
 *
 * @param url    the endpoint's whole address (for the owner's notice only; it may carry a receiver's token)
 * @param reason since when every attempt failed, and how the last one did
 */
public record WebhookEndpointDisabled(TenantId tenantId, UUID endpointId, String url, String reason) {

    /** The address without user info, query or fragment, where a receiver's token may sit: for the audit trail. */
    public String where() {
        return Webhooks.where(url);
    }
}
