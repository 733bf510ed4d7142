package io.forkcast.tenancy;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The access rules of the API, in one place. Everything under {@code /api/v1/tenants/{tenantId}} is open to the
 * operator and to that tenant's own keys with the scope the request needs; another tenant's key is refused
 * (403, the seed's "tenant mismatch"). Listing and creating tenants, deleting one, are the operator's alone.
 */
final class TenantPathAuthorization {

    /** A refusal with a sentence for the client. */
    static final class Refusal extends AuthorizationDecision {

        private final String reason;

        Refusal(String reason) {
            super(false);
            this.reason = reason;
        }

        String reason() {
            return reason;
        }
    }

    private static final Set<String> READ_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Set<String> ADMIN_SEGMENTS = Set.of("users", "api-keys", "exports", "closure", "webhooks",
            "approval-settings", "audit-events");
    // An export holds everything the tenant owns, users and keys included; reading one is an admin's matter too, and
    // so is reading the audit trail (who did what, from which address).
    private static final Set<String> ADMIN_READ_SEGMENTS = Set.of("exports", "closure", "audit-events");

    private TenantPathAuthorization() {
    }

    static AuthorizationManager<RequestAuthorizationContext> operatorOnly(String what) {
        return (authentication, context) -> decideOperator(authentication, what);
    }

    static AuthorizationManager<RequestAuthorizationContext> tenantOrOperator() {
        return TenantPathAuthorization::decideTenant;
    }

    private static AuthorizationResult decideOperator(Supplier<? extends Authentication> authentication, String what) {
        if (!(authentication.get() instanceof CallerAuthentication caller)) {
            return new AuthorizationDecision(false);
        }
        return caller.isOperator()
                ? new AuthorizationDecision(true)
                : new Refusal("Only the platform operator can " + what + ".");
    }

    private static AuthorizationResult decideTenant(Supplier<? extends Authentication> authentication,
            RequestAuthorizationContext context) {
        if (!(authentication.get() instanceof CallerAuthentication caller)) {
            return new AuthorizationDecision(false);
        }
        if (caller.isOperator()) {
            return new AuthorizationDecision(true);
        }
        UUID pathTenant = parse(context.getVariables().get("tenantId"));
        // A tenant id that is not a UUID names no tenant at all: let the endpoint answer 400 for it.
        if (pathTenant != null && !pathTenant.equals(caller.tenantId().value())) {
            return new Refusal("This API key belongs to another tenant.");
        }
        ApiKeyScope needed = scopeNeeded(context);
        if (!caller.scopes().contains(needed)) {
            return new Refusal("This API key lacks the '" + needed.wireName() + "' scope.");
        }
        return new AuthorizationDecision(true);
    }

    private static ApiKeyScope scopeNeeded(RequestAuthorizationContext context) {
        String method = context.getRequest().getMethod();
        String[] segments = context.getRequest().getRequestURI().split("/");
        if (READ_METHODS.contains(method)) {
            return segments.length > 5 && ADMIN_READ_SEGMENTS.contains(segments[5]) ? ApiKeyScope.ADMIN
                    : ApiKeyScope.READ;
        }
        // /api/v1/tenants/{id}/<segment>/...
        if (segments.length > 5 && ADMIN_SEGMENTS.contains(segments[5])) {
            return ApiKeyScope.ADMIN;
        }
        return ApiKeyScope.WRITE;
    }

    private static UUID parse(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
