package io.forkcast.google;

import java.util.List;

/**
 * Google refused a call or did not answer. {@link #getMessage()} is for logs (operation, status, Google's
 * message with any token removed); {@link #googleMessage()} is Google's sentence; neither ever holds a token.
 */
public class GoogleError extends RuntimeException {

    /** What the caller should do about it. */
    public enum Kind {
        /** The OAuth grant is gone ({@code invalid_grant}: revoked, expired, or a code used twice): reconnect. */
        INVALID_GRANT,
        /** The access token was refused ({@code UNAUTHENTICATED}): refresh it, then reconnect if that fails. */
        UNAUTHENTICATED,
        /** {@code PERMISSION_DENIED}: the Google user lost access to the location or the scope. */
        PERMISSION_DENIED,
        /** {@code NOT_FOUND}. */
        NOT_FOUND,
        /** {@code INVALID_ARGUMENT} or another 4xx the request itself caused: retrying will not help. */
        INVALID_ARGUMENT,
        /** {@code RESOURCE_EXHAUSTED} (HTTP 429): a quota; try again later. */
        RATE_LIMITED,
        /** A 5xx, {@code UNAVAILABLE}, or no answer at all: try again. */
        TRANSIENT
    }

    /** A field Google named in a {@code google.rpc.BadRequest}. */
    public record FieldViolation(String field, String description) {
    }

    private final Kind kind;
    private final int httpStatus;
    private final String status;
    private final String googleMessage;
    private final List<FieldViolation> fieldViolations;

    GoogleError(Kind kind, int httpStatus, String status, String googleMessage, List<FieldViolation> violations,
            String logMessage) {
        super(logMessage);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.status = status;
        this.googleMessage = googleMessage;
        this.fieldViolations = List.copyOf(violations);
    }

    public Kind kind() {
        return kind;
    }

    /** 0 when Google did not answer. */
    public int httpStatus() {
        return httpStatus;
    }

    /** Google's status ({@code INVALID_ARGUMENT}) or OAuth error ({@code invalid_grant}); null without an answer. */
    public String status() {
        return status;
    }

    public String googleMessage() {
        return googleMessage;
    }

    public List<FieldViolation> fieldViolations() {
        return fieldViolations;
    }

    /** Whether trying the same call again later may succeed. */
    public boolean retryable() {
        return kind == Kind.TRANSIENT || kind == Kind.RATE_LIMITED;
    }

    static Kind classify(int httpStatus, String status) {
        if (status != null) {
            switch (status) {
                case "invalid_grant" -> {
                    return Kind.INVALID_GRANT;
                }
                case "UNAUTHENTICATED", "invalid_token" -> {
                    return Kind.UNAUTHENTICATED;
                }
                case "PERMISSION_DENIED" -> {
                    return Kind.PERMISSION_DENIED;
                }
                case "NOT_FOUND" -> {
                    return Kind.NOT_FOUND;
                }
                case "RESOURCE_EXHAUSTED" -> {
                    return Kind.RATE_LIMITED;
                }
                case "UNAVAILABLE", "INTERNAL", "DEADLINE_EXCEEDED" -> {
                    return Kind.TRANSIENT;
                }
                default -> {
                }
            }
        }
        if (httpStatus == 429) {
            return Kind.RATE_LIMITED;
        }
        if (httpStatus == 401) {
            return Kind.UNAUTHENTICATED;
        }
        if (httpStatus == 403) {
            return Kind.PERMISSION_DENIED;
        }
        if (httpStatus == 404) {
            return Kind.NOT_FOUND;
        }
        return httpStatus >= 500 ? Kind.TRANSIENT : Kind.INVALID_ARGUMENT;
    }
}
