package io.forkcast.captions;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

/** Profiles are keyed by their tenant: the id is the tenant id. */
interface StoredProfileRepository extends JpaRepository<StoredProfile, UUID> {
}
