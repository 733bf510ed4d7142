package io.forkcast.captions;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query names its tenant: an item id alone never finds an item. */
interface MenuItemRepository extends JpaRepository<MenuItem, UUID> {

    Optional<MenuItem> findByTenantIdAndId(UUID tenantId, UUID id);

    List<MenuItem> findByTenantIdOrderByIdAsc(UUID tenantId, Limit limit);

    List<MenuItem> findByTenantIdAndIdGreaterThanOrderByIdAsc(UUID tenantId, UUID after, Limit limit);
}
