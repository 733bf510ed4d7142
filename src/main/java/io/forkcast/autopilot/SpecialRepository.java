package io.forkcast.autopilot;

import org.springframework.data.jpa.repository.JpaRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query names its tenant. */
interface SpecialRepository extends JpaRepository<DailySpecial, UUID> {

    List<DailySpecial> findByTenantIdAndSpecialDateBetweenOrderBySpecialDateAscCreatedAtAsc(UUID tenantId,
            LocalDate from, LocalDate to);

    List<DailySpecial> findByTenantIdAndSpecialDateOrderByCreatedAtAsc(UUID tenantId, LocalDate date);
}
