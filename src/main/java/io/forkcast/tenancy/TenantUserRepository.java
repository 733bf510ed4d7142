package io.forkcast.tenancy;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Every query names its tenant: a user id alone never finds a user. */
interface TenantUserRepository extends JpaRepository<TenantUser, UUID> {

    Optional<TenantUser> findByTenantIdAndId(UUID tenantId, UUID id);

    List<TenantUser> findByTenantIdOrderByIdAsc(UUID tenantId, Limit limit);

    List<TenantUser> findByTenantIdAndIdGreaterThanOrderByIdAsc(UUID tenantId, UUID after, Limit limit);

    boolean existsByTenantIdAndEmail(UUID tenantId, String email);

    /** Sign-in only (across tenants, as platform work): the same address may belong to several tenants. */
    List<TenantUser> findByEmail(String email);

    Optional<TenantUser> findByInviteSha256(String inviteSha256);

    Optional<TenantUser> findByResetSha256(String resetSha256);

    List<TenantUser> findByTenantIdAndRoleInOrderByIdAsc(UUID tenantId, List<Role> roles);

    long countByTenantIdAndRole(UUID tenantId, Role role);
}
