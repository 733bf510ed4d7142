package io.forkcast.tenancy;

import jakarta.validation.constraints.Size;

/** A partial change of a tenant user: absent members stay as they are. */
public record TenantUserChanges(@Size(max = 200) String fullName, Role role) {
}
