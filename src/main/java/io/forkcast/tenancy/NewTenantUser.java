package io.forkcast.tenancy;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/** A user to add to a tenant. E-mail addresses are unique within a tenant, compared without case. */
public record NewTenantUser(
        @NotBlank @Email(regexp = ".+@.+\\..+", message = "must be a valid e-mail address") @Size(max = 320) String email,
        @Size(max = 200) String fullName,
        @NotNull Role role) {
}
