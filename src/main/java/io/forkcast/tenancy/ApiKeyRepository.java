package io.forkcast.tenancy;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.JpaRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface ApiKeyRepository extends JpaRepository<ApiKey, UUID> {

    /** The one lookup that crosses tenants: authentication, before the tenant is known. */
    Optional<ApiKey> findBySecretSha256(String secretSha256);

    Optional<ApiKey> findByTenantIdAndId(UUID tenantId, UUID id);

    List<ApiKey> findByTenantIdOrderByIdAsc(UUID tenantId, Limit limit);

    List<ApiKey> findByTenantIdAndIdGreaterThanOrderByIdAsc(UUID tenantId, UUID after, Limit limit);

    @Modifying
    @Query("update ApiKey k set k.lastUsedAt = :now where k.id = :id and k.tenantId = :tenantId")
    int recordUse(UUID tenantId, UUID id, Instant now);
}
