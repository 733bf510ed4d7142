package io.forkcast.rights;

import io.forkcast.shared.Ids;
import io.forkcast.tenancy.TenantId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** One export of a tenant's data, from request to archive; its state changes are its own methods. */
@Entity
@Table(name = "data_exports")
class DataExport {

    @Id
    private UUID id;
    private UUID tenantId;
    private UUID activeTenantId;
    private ExportStatus status;
    private String requestedBy;
    private Instant requestedAt;
    private Instant startedAt;
    private Instant finishedAt;
    private long recordsWritten;
    private long filesWritten;
    private Long sizeBytes;
    private String storageKey;
    private Instant expiresAt;
    private String failure;
    @Version
    private long version;

    protected DataExport() {
    }

    DataExport(TenantId tenantId, String requestedBy, Instant now) {
        this.id = Ids.newId();
        this.tenantId = tenantId.value();
        this.activeTenantId = tenantId.value();
        this.status = ExportStatus.PENDING;
        this.requestedBy = requestedBy;
        this.requestedAt = micros(now);
    }

    /** The job starts (or starts again, after an instance died while writing). */
    void start(Instant now) {
        requireActive();
        status = ExportStatus.RUNNING;
        startedAt = micros(now);
        recordsWritten = 0;
        filesWritten = 0;
    }

    void finish(String key, long size, long records, long files, Instant now, Instant expires) {
        requireActive();
        status = ExportStatus.READY;
        activeTenantId = null;
        storageKey = key;
        sizeBytes = size;
        recordsWritten = records;
        filesWritten = files;
        finishedAt = micros(now);
        expiresAt = expires == null ? null : micros(expires);
    }

    void fail(String reason, Instant now) {
        requireActive();
        status = ExportStatus.FAILED;
        activeTenantId = null;
        failure = reason;
        finishedAt = micros(now);
    }

    /** The archive was deleted after its expiry; the row stays as a record of the export. */
    void expire() {
        if (status != ExportStatus.READY) {
            throw new IllegalStateException("Only a ready export expires, not a " + status.wireName() + " one");
        }
        status = ExportStatus.EXPIRED;
        storageKey = null;
    }

    boolean downloadable(Instant now) {
        return status == ExportStatus.READY && storageKey != null && (expiresAt == null || expiresAt.isAfter(now));
    }

    private void requireActive() {
        if (!status.active()) {
            throw new IllegalStateException("The export is already " + status.wireName());
        }
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    UUID id() {
        return id;
    }

    TenantId tenantId() {
        return new TenantId(tenantId);
    }

    ExportStatus status() {
        return status;
    }

    String requestedBy() {
        return requestedBy;
    }

    Instant requestedAt() {
        return requestedAt;
    }

    Instant startedAt() {
        return startedAt;
    }

    Instant finishedAt() {
        return finishedAt;
    }

    long recordsWritten() {
        return recordsWritten;
    }

    long filesWritten() {
        return filesWritten;
    }

    Long sizeBytes() {
        return sizeBytes;
    }

    String storageKey() {
        return storageKey;
    }

    Instant expiresAt() {
        return expiresAt;
    }

    String failure() {
        return failure;
    }
}
