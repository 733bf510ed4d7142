package io.forkcast.tenancy;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface TenantRepository extends JpaRepository<Tenant, UUID> {

    List<Tenant> findAllByOrderByIdAsc(Limit limit);

    List<Tenant> findByIdGreaterThanOrderByIdAsc(UUID after, Limit limit);

    /** Locks the tenant row until the transaction ends: serialises changes to the tenant's owners. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from Tenant t where t.id = :id")
    Optional<Tenant> lockById(UUID id);
}
