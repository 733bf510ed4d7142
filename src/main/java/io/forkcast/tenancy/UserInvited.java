package io.forkcast.tenancy;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * A user was invited to set a dashboard password: {@code link} holds the one-time token, so the event is never
 * logged whole ({@link #toString()} leaves it out).
 */
public record UserInvited(TenantId tenantId, String tenantName, UUID userId, String email, URI link,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "UserInvited[tenantId=" + tenantId + ", userId=" + userId + "]";
    }
}
