package io.forkcast.shared;

import org.springframework.http.HttpStatus;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failure a client can act on. It carries the HTTP status it means and a sentence for the client; the one
 * error handler turns it into an RFC 9457 problem. Never put a secret in the message.
 */
public class DomainException extends RuntimeException {

    private final HttpStatus status;
    private final Map<String, Object> properties = new LinkedHashMap<>();

    public DomainException(HttpStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpStatus status() {
        return status;
    }

    /** Adds a member to the problem body beside {@code detail} (snake_case name, a value that is no secret). */
    public DomainException with(String name, Object value) {
        properties.put(name, value);
        return this;
    }

    /** The members added by {@link #with}, in the order added. */
    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(properties);
    }

    public static DomainException notFound(String what) {
        return new DomainException(HttpStatus.NOT_FOUND, what + " not found");
    }

    public static DomainException conflict(String message) {
        return new DomainException(HttpStatus.CONFLICT, message);
    }

    public static DomainException forbidden(String message) {
        return new DomainException(HttpStatus.FORBIDDEN, message);
    }

    public static DomainException badRequest(String message) {
        return new DomainException(HttpStatus.BAD_REQUEST, message);
    }
}
