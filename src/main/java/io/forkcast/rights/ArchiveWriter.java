package io.forkcast.rights;

import io.forkcast.assets.MediaStore;
import io.forkcast.shared.export.ExportArchive;
import io.forkcast.shared.export.ExportPart;
import io.forkcast.shared.retention.RetainedData;
import io.forkcast.shared.retention.RetentionProperties;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes one export: every module's {@link ExportPart} in turn into a ZIP in a temporary file (so that no archive
 * is ever whole in memory), then the file into the media store under the tenant's folder. Runs in the tenant's
 * scope; progress is recorded as it goes, in short transactions of its own.
 */
@Component
class ArchiveWriter {

    static final String MANIFEST = "manifest.json";
    static final int FORMAT = 1;

    private static final Logger log = LoggerFactory.getLogger(ArchiveWriter.class);

    private final DataExportRepository exports;
    private final List<ExportPart> parts;
    private final MediaStore store;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate tx;
    private final TransactionTemplate progressTx;
    private final JsonMapper json;
    private final RetentionProperties retention;
    private final Clock clock;

    ArchiveWriter(DataExportRepository exports, List<ExportPart> parts, MediaStore store, CurrentTenant currentTenant,
            PlatformTransactionManager transactions, JsonMapper json, RetentionProperties retention, Clock clock) {
        this.exports = exports;
        this.parts = parts.stream().sorted(Comparator.comparingInt(ExportPart::order)
                .thenComparing(ExportPart::path)).toList();
        this.store = store;
        this.currentTenant = currentTenant;
        this.tx = new TransactionTemplate(transactions);
        // Progress is told while a part reads in its own read-only transaction: record it in a separate one.
        this.progressTx = new TransactionTemplate(transactions);
        this.progressTx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.json = json;
        this.retention = retention;
        this.clock = clock;
    }

    /** Writes the export, unless it is no longer pending or running (finished, or gone with its tenant). */
    void write(TenantId tenantId, UUID exportId) {
        currentTenant.callAsTenant(tenantId, null, () -> {
            Boolean started = tx.execute(status -> exports.findByTenantIdAndId(tenantId.value(), exportId)
                    .filter(export -> export.status().active())
                    .map(export -> {
                        export.start(clock.instant());
                        return true;
                    }).orElse(false));
            if (Boolean.TRUE.equals(started)) {
                writeStarted(tenantId, exportId);
            }
            return null;
        });
    }

    private void writeStarted(TenantId tenantId, UUID exportId) {
        Path file = null;
        try {
            file = Files.createTempFile("forkcast-export-", ".zip");
            Map<String, Object> contents = new LinkedHashMap<>();
            long records;
            long files;
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file));
                    ExportArchive archive = new ExportArchive(out, json,
                            (written, copied) -> progressTx.executeWithoutResult(
                                    status -> exports.recordProgress(exportId, written, copied)))) {
                for (ExportPart part : parts) {
                    long before = archive.records() + archive.files();
                    part.write(tenantId.value(), archive);
                    contents.put(part.path(), archive.records() + archive.files() - before);
                }
                records = archive.records();
                files = archive.files();
                archive.document(MANIFEST, manifest(tenantId, exportId, contents, records, files));
            }
            String key = MediaStore.tenantFileKey(tenantId.value(), "exports/" + exportId + ".zip");
            long size = Files.size(file);
            store.put(key, file, "application/zip");
            Instant now = clock.instant();
            Duration kept = retention.periods().get(RetainedData.EXPORTS);
            tx.executeWithoutResult(status -> exports.findByTenantIdAndId(tenantId.value(), exportId)
                    .ifPresent(export -> export.finish(key, size, records, files, now,
                            kept == null ? null : now.plus(kept))));
            log.info("Data export {} of tenant {} ready: {} records, {} files, {} bytes", exportId, tenantId, records,
                    files, size);
        } catch (IOException | RuntimeException e) {
            log.warn("Data export {} of tenant {} failed: {}", exportId, tenantId, e.getClass().getSimpleName());
            tx.executeWithoutResult(status -> exports.findByTenantIdAndId(tenantId.value(), exportId)
                    .filter(export -> export.status().active())
                    .ifPresent(export -> export.fail("The archive could not be written; ask for a new export.",
                            clock.instant())));
        } finally {
            deleteQuietly(file);
        }
    }

    private Map<String, Object> manifest(TenantId tenantId, UUID exportId, Map<String, Object> contents,
            long records, long files) {
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("format", FORMAT);
        manifest.put("export_id", exportId.toString());
        manifest.put("tenant_id", tenantId.value().toString());
        manifest.put("written_at", clock.instant().toString());
        manifest.put("records", records);
        manifest.put("files", files);
        manifest.put("contents", contents);
        return manifest;
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the temporary export file {}: {}", file, e.toString());
        }
    }
}
