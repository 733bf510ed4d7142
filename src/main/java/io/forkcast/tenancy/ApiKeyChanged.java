package io.forkcast.tenancy;

import java.util.UUID;

/** An API key was created or revoked. Carries the key's name and scopes, never its secret. */
public record ApiKeyChanged(TenantId tenantId, UUID keyId, String name, Change change, String scopes) {

    public enum Change { CREATED, REVOKED }
}
