package io.forkcast.captions;

import io.forkcast.tenancy.TenantId;

/**
 * The restaurant's profile or place was saved; {@code summary} names what changed ("name, voice", "place").
 */
public record RestaurantProfileChanged(TenantId tenantId, String summary) {
}
