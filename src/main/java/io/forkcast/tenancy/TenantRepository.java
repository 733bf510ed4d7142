package io.forkcast.tenancy;

import io.forkcast.shared.DomainException;
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

    /** Answers 404 for a tenant that does not exist (or that row-level security hides). */
    default void requireExists(UUID id) {
        if (!existsById(id)) {
            throw DomainException.notFound("Tenant");
        }
    }

    /** Locks the tenant row until the transaction ends: serialises changes to the tenant's owners. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from Tenant t where t.id = :id")
    Optional<Tenant> lockById(UUID id);
}
