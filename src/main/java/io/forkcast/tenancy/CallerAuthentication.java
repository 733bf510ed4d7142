package io.forkcast.tenancy;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;

import java.util.Set;

/**
 * Who is calling, once the bearer token checked out: the platform operator, or a tenant's API key. Carries no
 * credential: the secret is never kept past verification.
 */
final class CallerAuthentication extends AbstractAuthenticationToken {

    private final ApiKeys.VerifiedKey key;

    private CallerAuthentication(ApiKeys.VerifiedKey key) {
        super(AuthorityUtils.createAuthorityList(key == null ? "ROLE_OPERATOR" : "ROLE_TENANT"));
        this.key = key;
        setAuthenticated(true);
    }

    static CallerAuthentication operator() {
        return new CallerAuthentication(null);
    }

    static CallerAuthentication tenantKey(ApiKeys.VerifiedKey key) {
        return new CallerAuthentication(key);
    }

    boolean isOperator() {
        return key == null;
    }

    TenantId tenantId() {
        return key.tenantId();
    }

    java.util.UUID keyId() {
        return key.keyId();
    }

    String keyName() {
        return key.name();
    }

    Set<ApiKeyScope> scopes() {
        return key.scopes();
    }

    @Override
    public Object getCredentials() {
        return "";
    }

    @Override
    public Object getPrincipal() {
        return isOperator() ? "operator" : "api-key:" + key.keyId();
    }
}
