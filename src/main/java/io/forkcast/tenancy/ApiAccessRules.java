package io.forkcast.tenancy;

import io.forkcast.shared.web.ApiAccess;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.stereotype.Component;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.util.List;

/**
 * The routes whose access differs from the API's default (a tenant's key on its own tenant's paths, or the operator):
 * read by the filter chain ({@link SecurityConfiguration}) and by the API document, so both say the same.
 */
@Component
class ApiAccessRules implements ApiAccess.Rules {

    static final String TENANT = "/api/v1/tenants/{tenantId}";

    /** A method and a path pattern, with what it does in the sentence of a refusal. */
    record Route(HttpMethod method, String pattern, String what) {

        private boolean matches(String method, String path) {
            PathPattern parsed = PathPatternParser.defaultInstance.parse(pattern);
            return this.method.matches(method) && parsed.matches(PathContainer.parsePath(path));
        }
    }

    static final List<Route> OPERATOR_ONLY = List.of(
            new Route(HttpMethod.GET, "/api/v1/tenants", "list tenants"),
            new Route(HttpMethod.POST, "/api/v1/tenants", "create tenants"),
            new Route(HttpMethod.DELETE, TENANT, "delete a tenant"));

    /** Facebook sends the owner's browser back here without an API key: the one-time OAuth state authenticates it. */
    static final Route OAUTH_CALLBACK = new Route(HttpMethod.GET, "/api/v1/oauth/facebook/callback", "");

    /** Google sends the owner's browser back here, likewise authenticated by the one-time state. */
    static final Route GOOGLE_OAUTH_CALLBACK = new Route(HttpMethod.GET, "/api/v1/oauth/google/callback", "");

    /**
     * Meta's callbacks carry no API key (their {@code signed_request} authenticates them), and the deletion status
     * page is opened by the person Meta sends there.
     */
    static final List<Route> PUBLIC = List.of(OAUTH_CALLBACK, GOOGLE_OAUTH_CALLBACK,
            new Route(HttpMethod.POST, "/api/v1/meta/deauthorize", ""),
            new Route(HttpMethod.POST, "/api/v1/meta/data-deletion", ""),
            new Route(HttpMethod.GET, "/api/v1/meta/data-deletion/{confirmationCode}", ""));

    @Override
    public ApiAccess accessTo(String method, String pathTemplate) {
        if (OPERATOR_ONLY.stream().anyMatch(route -> route.matches(method, pathTemplate))) {
            return ApiAccess.OPERATOR;
        }
        if (PUBLIC.stream().anyMatch(route -> route.matches(method, pathTemplate))
                || !pathTemplate.startsWith("/api/")) {
            return ApiAccess.PUBLIC;
        }
        return ApiAccess.TENANT_OR_OPERATOR;
    }
}
