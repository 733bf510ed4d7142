package io.forkcast.accounts;

import org.springframework.data.repository.ListCrudRepository;

import java.util.List;
import java.util.UUID;

interface TokenCheckRepository extends ListCrudRepository<TokenCheck, UUID> {

    List<TokenCheck> findByTenantIdAndAccountIdOrderByIdAsc(UUID tenantId, UUID accountId);
}
