package io.forkcast.tenancy;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * A partial change of a tenant ({@code PATCH}): absent or {@code null} members stay as they are; to empty the
 * metadata, send {@code {}}.
 */
public record TenantChanges(
        @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
        @Email(regexp = ".+@.+\\..+", message = "must be a valid e-mail address") @Size(max = 320) String email,
        String plan,
        String timezone,
        Map<String, Object> tenantMetadata) {
}
