package io.forkcast.web;

import java.io.Serializable;
import java.util.Map;

/**
 * What a refused dashboard form leaves for its page to show again: which form it was (the path it posts to), the
 * message beside each refused field, a message for the form as a whole, and what was typed (never a password),
 * so the owner corrects the value instead of typing everything again.
 *
 * <p>{@link DashboardAdvice} fills it when a service refuses a form and sends the browser back to the page the
 * form came from; every page's model has one ({@link #NONE} when nothing was refused). A template reads it through
 * {@link #of(String)} (its methods are public for the templates' expression language):
 * <pre>{@code
 * <form method="post" th:action="@{/app/settings/menu-items}" th:with="f=${formErrors.of('/app/settings/menu-items')}">
 *   <label for="m-price">Price</label>
 *   <input id="m-price" name="price" th:value="${f.value('price', '')}"
 *          th:attr="aria-invalid=${f.invalid('price')},aria-describedby=${f.describedBy('price')}">
 *   <p th:replace="~{app/layout :: fieldError(${f}, 'price')}"></p>
 * }</pre>
 *
 * @param form the path the refused form was posted to; null for {@link #NONE}
 * @param message a sentence about the form as a whole (a conflict, say), or null
 * @param fields the message for each refused field, by the field's name
 * @param typed what the form sent, by field name
 */
record FormErrors(String form, String message, Map<String, String> fields, Map<String, String> typed)
        implements Serializable {

    /** Nothing refused. */
    static final FormErrors NONE = new FormErrors(null, null, Map.of(), Map.of());

    FormErrors {
        fields = Map.copyOf(fields);
        typed = Map.copyOf(typed);
    }

    /** These errors if they belong to the form posting to {@code path}, otherwise none. */
    public FormErrors of(String path) {
        return form != null && form.equals(path) ? this : NONE;
    }

    public boolean any() {
        return message != null || !fields.isEmpty();
    }

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public String message(String field) {
        return fields.get(field);
    }

    /** What was typed into the field when the form was refused, otherwise {@code fallback} (the stored value). */
    public Object value(String field, Object fallback) {
        return form != null && typed.containsKey(field) ? typed.get(field) : fallback;
    }

    /** {@code "true"} for a refused field, null (no attribute) otherwise: for {@code aria-invalid}. */
    public String invalid(String field) {
        return has(field) ? "true" : null;
    }

    /** The id of the message beside a refused field, null otherwise: for {@code aria-describedby}. */
    public String describedBy(String field) {
        return has(field) ? errorId(field) : null;
    }

    /** Unique on the page: several forms may have a field of the same name. */
    public String errorId(String field) {
        String where = form == null ? "" : form.replaceAll("[^A-Za-z0-9]+", "-");
        return "error" + where + "-" + field.replaceAll("[^A-Za-z0-9_-]+", "-");
    }
}
