package io.forkcast.tenancy;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A closed restaurant account, until it is restored (the row goes) or deleted with its tenant after the grace. */
@Entity
@Table(name = "tenant_closures")
class TenantClosure {

    @Id
    private UUID tenantId;
    private Instant closedAt;
    private String closedBy;
    private Instant deleteAfter;

    protected TenantClosure() {
    }

    TenantClosure(TenantId tenantId, String closedBy, Instant now, Instant deleteAfter) {
        this.tenantId = tenantId.value();
        this.closedBy = closedBy;
        this.closedAt = now.truncatedTo(ChronoUnit.MICROS);
        this.deleteAfter = deleteAfter.truncatedTo(ChronoUnit.MICROS);
    }

    TenantId tenantId() {
        return new TenantId(tenantId);
    }

    Instant closedAt() {
        return closedAt;
    }

    String closedBy() {
        return closedBy;
    }

    Instant deleteAfter() {
        return deleteAfter;
    }
}
