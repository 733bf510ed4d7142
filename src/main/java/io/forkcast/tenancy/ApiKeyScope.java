package io.forkcast.tenancy;

import io.swagger.v3.oas.annotations.media.Schema;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * What an API key may do: {@code read} any of its tenant's resources, {@code write} them, and {@code admin}:
 * manage the tenant's users and API keys.
 */
// A named schema rather than inline: generated clients handle a set of an inline enum badly (openapi-generator's
// Java client does not compile).
@Schema(enumAsRef = true)
public enum ApiKeyScope {
    READ, WRITE, ADMIN;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }
}
