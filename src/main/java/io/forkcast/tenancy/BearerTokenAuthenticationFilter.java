package io.forkcast.tenancy;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;

/**
 * Reads {@code Authorization: Bearer <token>}: the operator's admin token or a tenant's API key. A valid one
 * sets the caller and the tenant scope for the rest of the request; an invalid one is answered 401 at once.
 * No header at all leaves the request anonymous (public endpoints still work; protected ones answer 401).
 */
class BearerTokenAuthenticationFilter extends OncePerRequestFilter {

    static final String TENANT_ID = "tenant_id";

    private final AdminToken adminToken;
    private final ApiKeys apiKeys;
    private final Tenants tenants;
    private final AuthenticationEntryPoint entryPoint;

    BearerTokenAuthenticationFilter(AdminToken adminToken, ApiKeys apiKeys, Tenants tenants,
            AuthenticationEntryPoint entryPoint) {
        this.adminToken = adminToken;
        this.apiKeys = apiKeys;
        this.tenants = tenants;
        this.entryPoint = entryPoint;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null) {
            chain.doFilter(request, response);
            return;
        }
        if (!header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            entryPoint.commence(request, response,
                    new BadCredentialsException("Use the Authorization header with the Bearer scheme."));
            return;
        }
        String token = header.substring(7).strip();
        CallerAuthentication caller;
        CurrentTenant.Scope scope;
        if (adminToken.matches(token)) {
            caller = CallerAuthentication.operator();
            scope = new CurrentTenant.PlatformScope("platform operator request");
        } else {
            ApiKeys.VerifiedKey key = apiKeys.verify(token).orElse(null);
            if (key == null) {
                entryPoint.commence(request, response,
                        new BadCredentialsException("The API key is invalid or has been revoked."));
                return;
            }
            if (key.accountClosed()) {
                entryPoint.commence(request, response, new BadCredentialsException(
                        "This restaurant's account is closed, so its API keys no longer work."));
                return;
            }
            caller = CallerAuthentication.tenantKey(key);
            scope = new CurrentTenant.TenantScope(key.tenantId(), tenants.planNamed(key.planName()));
            MDC.put(TENANT_ID, key.tenantId().toString());
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(caller);
        SecurityContextHolder.setContext(context);
        CurrentTenant.Scope previous = CurrentTenant.swap(scope);
        try {
            chain.doFilter(request, response);
        } finally {
            CurrentTenant.swap(previous);
            SecurityContextHolder.clearContext();
            MDC.remove(TENANT_ID);
        }
    }
}
