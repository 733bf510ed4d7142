package io.forkcast.rights;

import com.fasterxml.jackson.annotation.JsonValue;
import io.forkcast.shared.jpa.WireNameColumn;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.persistence.Converter;

import java.util.Locale;

/** Where a data export stands: waiting for the job, being written, downloadable, failed, or deleted after expiry. */
@Schema(enumAsRef = true)
public enum ExportStatus {
    PENDING, RUNNING, READY, FAILED, EXPIRED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the export still occupies the tenant's one slot. */
    boolean active() {
        return this == PENDING || this == RUNNING;
    }

    @Converter(autoApply = true)
    static class Column extends WireNameColumn<ExportStatus> {
        Column() {
            super(ExportStatus.class);
        }
    }
}
