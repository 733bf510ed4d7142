package io.forkcast.tenancy;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the tenancy module ({@code forkcast.tenancy.*}).
 *
 * @param adminToken the platform operator's bearer token; when empty and {@code generateAdminToken} is on,
 *                   one is generated once and kept in {@code adminTokenFile}
 * @param generateAdminToken whether a missing admin token may be generated (the embedded default; never in production)
 * @param adminTokenFile where a generated admin token is kept, readable by its owner only
 * @param plans the plans tenants can be on, by name, with their limits
 * @param defaultPlan the plan of a tenant created without one
 * @param apiKeyCacheTtl how long a verified API key is trusted without reading the database again; a revoked key
 *                       is refused at once on the instance that revoked it and within this time on the others
 * @param tenantCacheTtl the longest a tenant read outside a transaction (the API's {@code GET} of a tenant) is kept in
 *                       memory; changes made on any instance are forgotten at once (on PostgreSQL through
 *                       notifications), so this only bounds how long an entry lives; zero reads the database every time
 * @param rowLevelSecurity whether every transaction tells PostgreSQL which tenant it works for, so that the
 *                         database's row-level security policies apply (PostgreSQL only)
 * @param inviteLifetime how long an invitation link to set a dashboard password works
 * @param passwordResetLifetime how long a password reset link ("Forgot password?") works
 * @param closureGracePeriod how long a closed account waits, restorable by the operator, before everything it owns
 *                           is deleted
 */
@Validated
@ConfigurationProperties("forkcast.tenancy")
record TenancyProperties(
        String adminToken,
        @DefaultValue("true") boolean generateAdminToken,
        @DefaultValue("./data/admin-token") @NotNull Path adminTokenFile,
        @NotEmpty Map<String, @Valid PlanLimits> plans,
        @DefaultValue("basic") String defaultPlan,
        @DefaultValue("30s") Duration apiKeyCacheTtl,
        @DefaultValue("5m") Duration tenantCacheTtl,
        @DefaultValue("false") boolean rowLevelSecurity,
        @DefaultValue("7d") Duration inviteLifetime,
        @DefaultValue("1h") Duration passwordResetLifetime,
        @DefaultValue("30d") @NotNull Duration closureGracePeriod) {

    record PlanLimits(@Min(1) int apiCallsPerHour, @Min(1) int postsPerDay) {
    }
}
