package io.forkcast.tenancy;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

interface TenantClosureRepository extends JpaRepository<TenantClosure, UUID> {

    List<TenantClosure> findByDeleteAfterLessThanEqualOrderByDeleteAfter(Instant now, Limit limit);
}
