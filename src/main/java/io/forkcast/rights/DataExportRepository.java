package io.forkcast.rights;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface DataExportRepository extends JpaRepository<DataExport, UUID> {

    Optional<DataExport> findByTenantIdAndId(UUID tenantId, UUID id);

    Optional<DataExport> findFirstByTenantIdOrderByIdDesc(UUID tenantId);

    boolean existsByActiveTenantId(UUID tenantId);

    List<DataExport> findByStatusAndFinishedAtBeforeOrderByFinishedAt(ExportStatus status, Instant cutoff,
            Limit limit);

    @Modifying
    @Query("update DataExport e set e.recordsWritten = :records, e.filesWritten = :files "
            + "where e.id = :id and e.status = io.forkcast.rights.ExportStatus.RUNNING")
    int recordProgress(UUID id, long records, long files);
}
