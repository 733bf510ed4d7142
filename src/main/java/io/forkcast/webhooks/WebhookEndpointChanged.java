package io.forkcast.webhooks;

import io.forkcast.tenancy.TenantId;

import java.util.UUID;

/**
 * A webhook endpoint was created, changed, had its signing secret rotated, or was deleted. Heard in the change's
 * transaction by the audit trail. Carries no secret: not the signing secret, and not the URL's user info, query or
 * fragment (where a receiver's token may sit).
 *
 * @param where   the endpoint's scheme, host, port and path
 * @param summary what changed ("events: post.published", "turned off"), or null
 */
public record WebhookEndpointChanged(TenantId tenantId, UUID endpointId, Change change, String where,
        String summary) {

    public enum Change { CREATED, CHANGED, SECRET_ROTATED, DELETED }
}
