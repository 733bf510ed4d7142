package io.forkcast.shared;

import org.springframework.http.HttpStatus;

/** A request field whose value a rule beyond Bean Validation refused (an unknown plan, say): a 400 naming it. */
public class InvalidFieldException extends DomainException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
