package io.forkcast.accounts;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Modifying;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.ListCrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface OAuthTokenRepository extends ListCrudRepository<OAuthToken, UUID> {

    List<OAuthToken> findByTenantIdAndAccountId(UUID tenantId, UUID accountId);

    Optional<OAuthToken> findByTenantIdAndAccountIdAndTokenType(UUID tenantId, UUID accountId, String tokenType);

    List<OAuthToken> findByTenantIdAndAccountIdIn(UUID tenantId, List<UUID> accountIds);

    @Modifying
    @Query("delete from OAuthToken t where t.tenantId = ?1 and t.accountId = ?2")
    int deleteByTenantIdAndAccountId(UUID tenantId, UUID accountId);

    /** Tokens a rotation still has to move to the active key, across tenants. */
    List<OAuthToken> findByKeyIdNotOrderByIdAsc(String activeKeyId, Limit limit);

    /** Google's hour-long access tokens are left out: they are refreshed as a matter of course, never a concern. */
    @Query("select count(t) from OAuthToken t where t.isValid = true and t.expiresAt > ?1 and t.expiresAt <= ?2 "
            + "and t.tokenType <> 'access'")
    long countValidExpiringBetween(Instant from, Instant to);
}
