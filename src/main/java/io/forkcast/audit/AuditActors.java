package io.forkcast.audit;

import io.forkcast.tenancy.ApiKey;
import io.forkcast.tenancy.ApiKeys;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.TenantUser;
import io.forkcast.tenancy.TenantUsers;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import java.security.Principal;
import java.util.UUID;

/**
 * Who is making the change now, and from where, read from the request being served: its security context (a
 * dashboard session or an API key; the key's secret is never seen here) and its client address (after the
 * forwarded headers of a trusted proxy are applied) and user agent. Outside a request: Forkcast's own jobs.
 */
@Component
class AuditActors {

    static final String API_KEY_PREFIX = "api-key:";
    static final String OPERATOR = "operator";

    /** Who, and from where. */
    record Origin(AuditActor actor, String ipAddress, String userAgent) {
    }

    private final TenantUsers users;
    private final ApiKeys keys;

    AuditActors(TenantUsers users, ApiKeys keys) {
        this.users = users;
        this.keys = keys;
    }

    Origin current(TenantId tenantId) {
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes
                attributes ? attributes.getRequest() : null;
        if (request == null) {
            return new Origin(AuditActor.FORKCAST_ITSELF, null, null);
        }
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null && userAgent.length() > 300) {
            userAgent = userAgent.substring(0, 300);
        }
        return new Origin(actor(tenantId), request.getRemoteAddr(), userAgent);
    }

    private AuditActor actor(TenantId tenantId) {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            return AuditActor.FORKCAST_ITSELF;
        }
        Object principal = authentication.getPrincipal();
        if (principal instanceof String name) {
            if (name.equals(OPERATOR)) {
                return new AuditActor(AuditActor.Type.OPERATOR, null, "Platform operator");
            }
            if (name.startsWith(API_KEY_PREFIX)) {
                UUID keyId = uuid(name.substring(API_KEY_PREFIX.length()));
                if (keyId != null) {
                    return new AuditActor(AuditActor.Type.API_KEY, keyId,
                            keys.find(tenantId, keyId).map(ApiKey::name).orElse(null));
                }
            }
        } else if (principal instanceof Principal dashboardUser) {
            // A dashboard session: its principal names the user by id.
            UUID userId = uuid(dashboardUser.getName());
            if (userId != null) {
                return new AuditActor(AuditActor.Type.USER, userId,
                        users.find(tenantId, userId).map(TenantUser::email).orElse(null));
            }
        }
        return AuditActor.FORKCAST_ITSELF;
    }

    private static UUID uuid(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
