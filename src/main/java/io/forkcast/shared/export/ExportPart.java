package io.forkcast.shared.export;

import java.io.IOException;
import java.util.UUID;

/**
 * One module's share of a tenant's data export: it writes its own tables (and files) into the archive, under a
 * folder of its own. Each module declares one bean per part, often built with {@link ExportTables}; the exporter
 * writes every part it finds, in {@link #order()}, without knowing any table. The caller has already set the
 * tenant's scope.
 */
public interface ExportPart {

    /** Where the part goes in the archive, e.g. {@code posts/deliveries.json}; also its name in the manifest. */
    String path();

    /** Parts are written in ascending order; ties by path. */
    default int order() {
        return 100;
    }

    /** Writes this part of the tenant's data into the archive. */
    void write(UUID tenantId, ExportArchive archive) throws IOException;
}
