package io.forkcast.meta;

/**
 * A Graph API call that failed: Graph's error ({@code code}, {@code error_subcode}) or no answer at all, with the
 * {@link Kind} that tells the caller what to do about it. The message never contains a token.
 */
public class GraphError extends RuntimeException {

    /** What a failure means for the caller. */
    public enum Kind {
        /** Try again later: Graph had a hiccup or did not answer. */
        TRANSIENT,
        /** A rate limit (app, user, page, business use case): back off. */
        RATE_LIMITED,
        /** The token is invalid, expired or revoked (code 190, 102): the owner must reconnect. */
        AUTH_INVALID,
        /** A permission is missing (code 10, 200-299). */
        PERMISSION,
        /** The request itself is wrong (code 100 and the like): retrying will not help. */
        INVALID_REQUEST,
        UNKNOWN
    }

    private final Kind kind;
    private final Integer code;
    private final Integer subcode;
    private final String graphMessage;

    GraphError(Kind kind, Integer code, Integer subcode, String graphMessage, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.code = code;
        this.subcode = subcode;
        this.graphMessage = graphMessage;
    }

    /** For callers that turn a publishing condition (a container in ERROR, a used-up limit) into a Graph failure. */
    protected GraphError(Kind kind, Integer code, Integer subcode, String graphMessage, String message) {
        this(kind, code, subcode, graphMessage, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** Graph's {@code code}, or {@code null} when Graph did not answer. */
    public Integer code() {
        return code;
    }

    /** Graph's {@code error_subcode}, if any. */
    public Integer subcode() {
        return subcode;
    }

    /** Graph's own message (without tokens), or a sentence saying Graph did not answer. */
    public String graphMessage() {
        return graphMessage;
    }

    /** {@code 190/460}, {@code 4}, or {@code none}: for logs and the history table. */
    public String codeText() {
        if (code == null) {
            return "none";
        }
        return subcode == null ? code.toString() : code + "/" + subcode;
    }

    /** Classifies Graph's error by code, subcode and is_transient, as Meta documents them. */
    static Kind classify(Integer code, Integer subcode, boolean isTransient) {
        if (code == null) {
            return Kind.UNKNOWN;
        }
        int c = code;
        if (c == 4 || c == 17 || c == 32 || c == 613 || c == 341 || c == 368 || (c >= 80000 && c <= 80014)
                || c == 9) {
            return Kind.RATE_LIMITED;
        }
        if (isTransient || c == 1 || c == 2 || c == -1 || c == -2) {
            return Kind.TRANSIENT;
        }
        if (c == 190 || c == 102) {
            return Kind.AUTH_INVALID;
        }
        if (c == 10 || (c >= 200 && c <= 299)) {
            return Kind.PERMISSION;
        }
        if (c == 100 || c == 3 || c == 506 || c == 1609005 || c == 324 || c == 9004 || c == 352 || c == 389
                || (c >= 36000 && c <= 36003)) {
            return Kind.INVALID_REQUEST;
        }
        return Kind.UNKNOWN;
    }
}
