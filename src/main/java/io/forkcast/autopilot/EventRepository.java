package io.forkcast.autopilot;

import org.springframework.data.jpa.repository.JpaRepository;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query names its tenant. */
interface EventRepository extends JpaRepository<RestaurantEvent, UUID> {

    Optional<RestaurantEvent> findByTenantIdAndId(UUID tenantId, UUID id);

    List<RestaurantEvent> findByTenantIdOrderByEventDateAsc(UUID tenantId);

    List<RestaurantEvent> findByTenantIdAndEventDateBetweenOrderByEventDateAsc(UUID tenantId, LocalDate from,
            LocalDate to);
}
