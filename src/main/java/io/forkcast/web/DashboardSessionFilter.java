package io.forkcast.web;

import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.Role;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.UserSignIns;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * For a signed-in session: reads the user again (a removed user is signed out, a new role applies at once),
 * grants the role and the roles below it, and runs the rest of the request in the user's tenant, so row-level
 * security and every service see that tenant only.
 */
class DashboardSessionFilter extends OncePerRequestFilter {

    /** Request attribute holding the {@link UserSignIns.SignedInUser} of the request. */
    static final String USER = DashboardSessionFilter.class.getName() + ".user";

    private final UserSignIns signIns;
    private final CurrentTenant currentTenant;

    DashboardSessionFilter(UserSignIns signIns, CurrentTenant currentTenant) {
        this.signIns = signIns;
        this.currentTenant = currentTenant;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof DashboardPrincipal principal)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<UserSignIns.SignedInUser> found = signIns.current(new TenantId(principal.tenantId()),
                principal.userId());
        if (found.isEmpty()) {
            SecurityContextHolder.clearContext();
            if (request.getSession(false) != null) {
                request.getSession(false).invalidate();
            }
            chain.doFilter(request, response);
            return;
        }
        UserSignIns.SignedInUser user = found.get();
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(principal, null,
                AuthorityUtils.createAuthorityList(rolesOf(user.role()))));
        SecurityContextHolder.setContext(context);
        request.setAttribute(USER, user);
        MDC.put("tenant_id", user.tenantId().toString());
        try {
            currentTenant.callAsTenant(user.tenantId(), user.plan(), () -> {
                try {
                    chain.doFilter(request, response);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServletException e) {
                    throw new TunnelledServletException(e);
                }
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } catch (TunnelledServletException e) {
            throw e.servletException;
        } finally {
            MDC.remove("tenant_id");
        }
    }

    /** A role and every role below it: an owner may do what an admin, an editor and a viewer may. */
    static List<String> rolesOf(Role role) {
        return switch (role) {
            case OWNER -> List.of("ROLE_OWNER", "ROLE_ADMIN", "ROLE_EDITOR", "ROLE_VIEWER");
            case ADMIN -> List.of("ROLE_ADMIN", "ROLE_EDITOR", "ROLE_VIEWER");
            case EDITOR -> List.of("ROLE_EDITOR", "ROLE_VIEWER");
            case VIEWER -> List.of("ROLE_VIEWER");
        };
    }

    private static final class TunnelledServletException extends RuntimeException {

        private final ServletException servletException;

        TunnelledServletException(ServletException cause) {
            super(cause);
            this.servletException = cause;
        }
    }
}
