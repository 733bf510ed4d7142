package io.forkcast.tenancy;

import io.forkcast.shared.Ids;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's key for programmatic access. Only the SHA-256 of the secret and a short prefix (to recognise the
 * key in a list) are stored; the secret itself is shown once, when the key is created.
 */
@Entity
@Table(name = "api_keys")
public class ApiKey {

    @Id
    private UUID id;

    private UUID tenantId;

    private String name;

    private String prefix;

    @Column(name = "secret_sha256")
    private String secretSha256;

    @Convert(converter = ApiKeyScopesConverter.class)
    private Set<ApiKeyScope> scopes;

    private Instant createdAt;

    private Instant lastUsedAt;

    private Instant revokedAt;

    protected ApiKey() {
    }

    ApiKey(TenantId tenantId, String name, String prefix, String secretSha256, Set<ApiKeyScope> scopes, Instant now) {
        this.id = Ids.newId();
        this.tenantId = tenantId.value();
        this.name = name;
        this.prefix = prefix;
        this.secretSha256 = secretSha256;
        this.scopes = EnumSet.copyOf(scopes);
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    void revoke(Instant now) {
        if (revokedAt == null) {
            revokedAt = now.truncatedTo(ChronoUnit.MICROS);
        }
    }

    public UUID id() {
        return id;
    }

    public TenantId tenantId() {
        return new TenantId(tenantId);
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    public Set<ApiKeyScope> scopes() {
        return Set.copyOf(scopes);
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant lastUsedAt() {
        return lastUsedAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public boolean isRevoked() {
        return revokedAt != null;
    }
}
