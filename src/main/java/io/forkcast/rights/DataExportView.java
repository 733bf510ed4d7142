package io.forkcast.rights;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/**
 * A data export as the owner sees it: its status, what it has written so far, and, once ready, a download link
 * that works until {@code downloadUrlExpiresAt} while the archive itself is kept until {@code expiresAt}.
 */
public record DataExportView(UUID id, ExportStatus status, String requestedBy, Instant requestedAt,
        Instant startedAt, Instant finishedAt, long recordsWritten, long filesWritten, Long sizeBytes,
        URI downloadUrl, Instant downloadUrlExpiresAt, Instant expiresAt, String failure) {
}
