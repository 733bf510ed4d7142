package io.forkcast.tenancy;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an API key may do: {@code read} any of its tenant's resources, {@code write} them, and {@code admin}:
 * manage the tenant's users and API keys.
 */
public enum ApiKeyScope {
    READ, WRITE, ADMIN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }
}
