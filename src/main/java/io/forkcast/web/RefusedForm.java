package io.forkcast.web;

import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;

import java.util.Map;

/**
 * A service's refusal of a form whose page the controller knows, in the form's own field names: {@link
 * DashboardAdvice} sends the browser back to {@code page} with the errors beside their fields, as it does for any
 * refused form (where the page is the Referer). For forms that are also shown somewhere else (the post page's forms
 * inside the calendar's dialog) and forms whose fields the services name differently (compose's {@code local_time}
 * is the posts module's {@code scheduled_for}).
 */
final class RefusedForm extends RuntimeException {

    private final String page;
    private final transient DomainException refusal;

    private RefusedForm(String page, DomainException refusal) {
        super(refusal.getMessage(), refusal, false, false);
        this.page = page;
        this.refusal = refusal;
    }

    /** {@code fields}: the service's field name → the form's field name; a field not named stays as it is. */
    static RefusedForm of(String page, DomainException e, Map<String, String> fields) {
        if (e instanceof InvalidFieldException invalid && fields.containsKey(invalid.field())) {
            return new RefusedForm(page, new InvalidFieldException(fields.get(invalid.field()), invalid.getMessage()));
        }
        return new RefusedForm(page, e);
    }

    String page() {
        return page;
    }

    DomainException refusal() {
        return refusal;
    }
}
