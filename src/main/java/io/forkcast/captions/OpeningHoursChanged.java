package io.forkcast.captions;

import io.forkcast.tenancy.TenantId;

/**
 * The restaurant's opening hours were saved; {@code summary} says what changed (the week, the dated exceptions).
 */
public record OpeningHoursChanged(TenantId tenantId, String summary) {
}
