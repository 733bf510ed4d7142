package io.forkcast.audit;

import io.forkcast.tenancy.Actor;
import io.forkcast.tenancy.ApiKey;
import io.forkcast.tenancy.ApiKeys;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.TenantUser;
import io.forkcast.tenancy.TenantUsers;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Who is making the change now, and from where: the request's caller as {@code tenancy} reads it
 * ({@link Actor#current()}: a dashboard session, an API key or the operator; the key's secret is never seen here),
 * and the request's client address (after the forwarded headers of a trusted proxy are applied) and user agent.
 * Outside a request, or for a request with no caller: Forkcast itself.
 */
@Component
class AuditActors {

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
        return from(tenantId, Actor.current().map(actor -> describe(tenantId, actor))
                .orElse(AuditActor.FORKCAST_ITSELF));
    }

    /** {@code actor} made the change (one it started earlier, say), from the current request's address if any. */
    Origin current(TenantId tenantId, AuditActor actor) {
        return from(tenantId, actor);
    }

    private static Origin from(TenantId tenantId, AuditActor actor) {
        HttpServletRequest request = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes
                attributes ? attributes.getRequest() : null;
        if (request == null) {
            return new Origin(actor, null, null);
        }
        String userAgent = request.getHeader("User-Agent");
        if (userAgent != null && userAgent.length() > 300) {
            userAgent = userAgent.substring(0, 300);
        }
        return new Origin(actor, request.getRemoteAddr(), userAgent);
    }

    /** The actor as the trail names it: a user by id and e-mail address, a key by id and name. */
    AuditActor describe(TenantId tenantId, Actor actor) {
        return switch (actor.kind()) {
            case OPERATOR -> new AuditActor(AuditActor.Type.OPERATOR, null, "Platform operator");
            // The request's key carries its name, read when it was verified: no read per change it makes.
            case API_KEY -> new AuditActor(AuditActor.Type.API_KEY, actor.id(), actor.name() != null ? actor.name()
                    : keys.find(tenantId, actor.id()).map(ApiKey::name).orElse(null));
            case USER -> new AuditActor(AuditActor.Type.USER, actor.id(),
                    users.find(tenantId, actor.id()).map(TenantUser::email).orElse(null));
        };
    }
}
