package io.forkcast.sandbox.google;

import java.util.List;
import java.util.Map;

/**
 * An error the sandbox answers as Google does. Business Profile APIs answer
 * {@code {"error": {"code", "message", "status", "details"}}}; the OAuth endpoints
 * {@code {"error": "invalid_grant", "error_description"}} ({@link #oauth}).
 */
class GoogleApiException extends RuntimeException {

    private final int httpStatus;
    private final String status;
    private final List<Map<String, Object>> details;
    private final boolean oauth;

    private GoogleApiException(int httpStatus, String status, String message, List<Map<String, Object>> details,
            boolean oauth) {
        super(message);
        this.httpStatus = httpStatus;
        this.status = status;
        this.details = details;
        this.oauth = oauth;
    }

    static GoogleApiException api(int httpStatus, String status, String message, List<Map<String, Object>> details) {
        return new GoogleApiException(httpStatus, status, message, details, false);
    }

    static GoogleApiException oauth(int httpStatus, String error, String description) {
        return new GoogleApiException(httpStatus, error, description, List.of(), true);
    }

    /** {@code INVALID_ARGUMENT} with a {@code google.rpc.BadRequest} naming the fields. */
    static GoogleApiException invalidArgument(Map<String, String> violations) {
        List<Map<String, Object>> fields = violations.entrySet().stream()
                .map(v -> Map.<String, Object>of("field", v.getKey(), "description", v.getValue())).toList();
        return api(400, "INVALID_ARGUMENT", "Request contains an invalid argument.",
                List.of(Map.of("@type", "type.googleapis.com/google.rpc.BadRequest", "fieldViolations", fields)));
    }

    static GoogleApiException unauthenticated(String reason) {
        return api(401, "UNAUTHENTICATED", "Request had invalid authentication credentials. Expected OAuth 2 access "
                + "token, login cookie or other valid authentication credential. See "
                + "https://developers.google.com/identity/sign-in/web/devconsole-project.",
                List.of(errorInfo(reason, Map.of("service", "mybusiness.googleapis.com"))));
    }

    static GoogleApiException permissionDenied(String message, String reason) {
        return api(403, "PERMISSION_DENIED", message, List.of(errorInfo(reason, Map.of())));
    }

    static GoogleApiException notFound(String message) {
        return api(404, "NOT_FOUND", message, List.of());
    }

    static Map<String, Object> errorInfo(String reason, Map<String, String> metadata) {
        return Map.of("@type", "type.googleapis.com/google.rpc.ErrorInfo", "reason", reason, "domain",
                "googleapis.com", "metadata", metadata);
    }

    int httpStatus() {
        return httpStatus;
    }

    String status() {
        return status;
    }

    List<Map<String, Object>> details() {
        return details;
    }

    boolean oauth() {
        return oauth;
    }
}
