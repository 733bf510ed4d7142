package io.forkcast.tenancy;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.util.Map;

/**
 * A tenant as a client describes it, to create one ({@code POST}) or replace one ({@code PUT}).
 *
 * @param plan a configured plan name; when absent, the default plan on create and the current plan on replace
 * @param timezone an IANA time zone such as {@code Europe/Paris}; {@code UTC} when absent
 * @param tenantMetadata free-form JSON object (at most 16 KiB), stored as given
 */
public record TenantDetails(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email(regexp = ".+@.+\\..+", message = "must be a valid e-mail address") @Size(max = 320) String email,
        String plan,
        String timezone,
        Map<String, Object> tenantMetadata) {
}
