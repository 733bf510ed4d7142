package io.forkcast.shared.web;

/**
 * Who may call an operation of the API, as the security rules decide it. The API document declares it for every
 * operation (the bearer scheme it needs, the 401, 403 and 429 problems it can answer); the module that owns the
 * security rules provides the one {@link Rules} bean, so the document cannot say something the filter chain does
 * not do.
 */
public enum ApiAccess {

    /** No credentials (an OAuth callback, a signed media link). */
    PUBLIC,
    /** The platform operator's admin token only. */
    OPERATOR,
    /** A tenant's API key (counted against its plan) or the operator's admin token. */
    TENANT_OR_OPERATOR;

    /** The security rules, asked per operation of the document. */
    @FunctionalInterface
    public interface Rules {

        /**
         * @param method the HTTP method, upper case
         * @param pathTemplate the path as the document writes it, with {@code {variables}}
         */
        ApiAccess accessTo(String method, String pathTemplate);
    }
}
