package io.forkcast.tenancy;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * Someone asked for a password reset for a user ("Forgot password?"): {@code link} holds the single-use token, so
 * the event is never logged whole ({@link #toString()} leaves it out).
 */
public record PasswordResetRequested(TenantId tenantId, String tenantName, UUID userId, String email, URI link,
        Instant expiresAt) {

    @Override
    public String toString() {
        return "PasswordResetRequested[tenantId=" + tenantId + ", userId=" + userId + "]";
    }
}
