package io.forkcast.tenancy;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The record that a closed account was deleted: it outlives the tenant (no foreign key) and keeps its name only as a
 * SHA-256. Written once, never changed.
 */
@Entity
@Table(name = "tenant_deletions")
class TenantDeletion {

    @Id
    private UUID tenantId;
    private String nameSha256;
    private Instant closedAt;
    private String closedBy;
    private Instant deletedAt;
    private String deletedBy;

    protected TenantDeletion() {
    }

    TenantDeletion(TenantClosure closure, String nameSha256, String deletedBy, Instant now) {
        this.tenantId = closure.tenantId().value();
        this.nameSha256 = nameSha256;
        this.closedAt = closure.closedAt();
        this.closedBy = closure.closedBy();
        this.deletedAt = now.truncatedTo(ChronoUnit.MICROS);
        this.deletedBy = deletedBy;
    }

    UUID tenantId() {
        return tenantId;
    }

    String nameSha256() {
        return nameSha256;
    }

    Instant closedAt() {
        return closedAt;
    }

    Instant deletedAt() {
        return deletedAt;
    }

    String deletedBy() {
        return deletedBy;
    }
}
