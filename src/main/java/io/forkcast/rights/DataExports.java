package io.forkcast.rights;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.forkcast.assets.MediaStore;
import io.forkcast.assets.MediaUrls;
import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Exports of a tenant's data: asked for by an owner or an admin key, written by the {@code data-export} job, one at
 * a time per tenant, downloaded by a signed link that expires.
 */
@Service
public class DataExports {

    /** The route that serves an archive to whoever holds a valid signed link. */
    public static final String DOWNLOAD_PATH = "/downloads/exports/";

    /** An archive opened for download. */
    public record Archive(InputStream content, long size, String fileName) {
    }

    private final DataExportRepository exports;
    private final SchedulerClient jobs;
    private final MediaStore store;
    private final MediaUrls urls;
    private final CurrentTenant currentTenant;
    private final RightsProperties properties;
    private final Clock clock;

    DataExports(DataExportRepository exports, SchedulerClient jobs, MediaStore store, MediaUrls urls,
            CurrentTenant currentTenant, RightsProperties properties, Clock clock) {
        this.exports = exports;
        this.jobs = jobs;
        this.store = store;
        this.urls = urls;
        this.currentTenant = currentTenant;
        this.properties = properties;
        this.clock = clock;
    }

    /** Asks for an export; refused with 409 while the tenant's previous one is still pending or running. */
    @Transactional
    public DataExportView request(TenantId tenantId, String requestedBy) {
        if (exports.existsByActiveTenantId(tenantId.value())) {
            throw underWay();
        }
        DataExport export = new DataExport(tenantId, requestedBy, clock.instant());
        try {
            exports.saveAndFlush(export);
        } catch (DataIntegrityViolationException concurrent) {
            throw underWay();
        }
        jobs.scheduleIfNotExists(DataExportJob.instance(export.id(), tenantId.value()), clock.instant());
        return view(export);
    }

    @Transactional(readOnly = true)
    public DataExportView get(TenantId tenantId, UUID exportId) {
        return view(find(tenantId, exportId));
    }

    /** The tenant's most recent export, if it ever asked for one. */
    @Transactional(readOnly = true)
    public Optional<DataExportView> latest(TenantId tenantId) {
        return exports.findFirstByTenantIdOrderByIdDesc(tenantId.value()).map(this::view);
    }

    /**
     * The archive behind a signed link (checked by the caller). The link names no tenant, so the export is read
     * across tenants by its id.
     */
    public Archive open(UUID exportId) {
        DataExport export = currentTenant.callAsPlatform("download of a data export by signed link",
                () -> exports.findById(exportId)).filter(e -> e.downloadable(clock.instant()))
                .orElseThrow(() -> DomainException.notFound("Export"));
        try {
            InputStream content = store.open(export.storageKey())
                    .orElseThrow(() -> DomainException.notFound("Export"));
            return new Archive(content, export.sizeBytes(), fileName(export));
        } catch (IOException e) {
            throw new DomainException(HttpStatus.SERVICE_UNAVAILABLE,
                    "The archive cannot be read right now; try the link again in a minute.");
        }
    }

    private DataExport find(TenantId tenantId, UUID exportId) {
        return exports.findByTenantIdAndId(tenantId.value(), exportId)
                .orElseThrow(() -> DomainException.notFound("Export"));
    }

    private DataExportView view(DataExport export) {
        Instant now = clock.instant();
        MediaUrls.MediaUrl link = null;
        if (export.downloadable(now)) {
            Instant until = now.plus(properties.exportLinkTtl());
            if (export.expiresAt() != null && export.expiresAt().isBefore(until)) {
                until = export.expiresAt();
            }
            link = urls.fileUrl(export.storageKey(), DOWNLOAD_PATH + export.id(), until);
        }
        return new DataExportView(export.id(), export.status(), export.requestedBy(), export.requestedAt(),
                export.startedAt(), export.finishedAt(), export.recordsWritten(), export.filesWritten(),
                export.sizeBytes(), link == null ? null : link.url(), link == null ? null : link.expiresAt(),
                export.expiresAt(), export.failure());
    }

    static String fileName(DataExport export) {
        return "forkcast-export-" + export.id() + ".zip";
    }

    private static DomainException underWay() {
        return new DomainException(HttpStatus.CONFLICT,
                "An export is already being prepared; wait for it to be ready before asking for another.");
    }
}
