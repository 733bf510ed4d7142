package io.forkcast.captions;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query names its tenant. */
interface StoredCaptionRepository extends JpaRepository<StoredCaption, UUID> {

    Optional<StoredCaption> findByTenantIdAndId(UUID tenantId, UUID id);

    List<StoredCaption> findByTenantIdAndCreatedAtAfterOrderByCreatedAtDesc(UUID tenantId, Instant since, Limit limit);
}
