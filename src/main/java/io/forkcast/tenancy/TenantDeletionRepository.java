package io.forkcast.tenancy;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

interface TenantDeletionRepository extends JpaRepository<TenantDeletion, UUID> {
}
