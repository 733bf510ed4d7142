package io.forkcast.captions;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

/** Opening hours are keyed by their tenant: the id is the tenant id. */
interface StoredOpeningHoursRepository extends JpaRepository<StoredOpeningHours, UUID> {
}
