package io.forkcast.accounts;

import io.forkcast.shared.Platform;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

interface SocialAccountRepository extends JpaRepository<SocialAccount, UUID> {

    Optional<SocialAccount> findByTenantIdAndId(UUID tenantId, UUID id);

    Optional<SocialAccount> findByTenantIdAndPlatformAndPlatformUserId(UUID tenantId, Platform platform,
            String platformUserId);

    List<SocialAccount> findByTenantIdOrderByIdAsc(UUID tenantId, Limit limit);

    List<SocialAccount> findByTenantIdAndIdGreaterThanOrderByIdAsc(UUID tenantId, UUID after, Limit limit);

    /** Accounts that have tokens to check, across tenants (the health job runs as the platform). */
    @Query("select a from SocialAccount a where a.status <> io.forkcast.accounts.AccountStatus.DISCONNECTED "
            + "order by a.id")
    List<SocialAccount> findAllConnected();

    /** Every account connected with a Meta user's consent, across tenants (Meta's callbacks run as the platform). */
    List<SocialAccount> findByMetaUserIdOrderByIdAsc(String metaUserId);

    long countByStatus(AccountStatus status);

    List<SocialAccount> findByTenantIdAndPlatformOrderByIdAsc(UUID tenantId, Platform platform);
}
