package io.forkcast.autopilot;

import org.springframework.data.jpa.repository.JpaRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query names its tenant. */
interface DraftRepository extends JpaRepository<Draft, UUID> {

    Optional<Draft> findByTenantIdAndId(UUID tenantId, UUID id);

    List<Draft> findByTenantIdAndStatusOrderByForDateAscCreatedAtAsc(UUID tenantId, DraftStatus status);

    List<Draft> findByTenantIdOrderByCreatedAtDesc(UUID tenantId, org.springframework.data.domain.Limit limit);
}
