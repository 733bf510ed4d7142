package io.forkcast.accounts;

import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.util.List;
import java.util.UUID;

interface TokenCheckRepository extends ListCrudRepository<TokenCheck, UUID> {

    List<TokenCheck> findByTenantIdAndAccountIdOrderByIdAsc(UUID tenantId, UUID accountId);

    @Modifying
    @Query("delete from TokenCheck c where c.tenantId = ?1 and c.accountId = ?2")
    int deleteByTenantIdAndAccountId(UUID tenantId, UUID accountId);
}
