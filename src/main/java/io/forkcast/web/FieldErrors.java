package io.forkcast.web;

import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import org.springframework.ui.Model;

import java.util.Map;

/**
 * A service's refusal, placed where a form shows it: beside the field it names (in the form's own field names), or
 * above the form when it names none (a conflict, a full day). The form is shown again with what was typed.
 */
record FieldErrors(Map<String, String> byField, String general) {

    /** {@code fields}: the service's field name → the form's field name. */
    static FieldErrors of(DomainException e, Map<String, String> fields) {
        if (e instanceof InvalidFieldException invalid && fields.containsKey(invalid.field())) {
            return new FieldErrors(Map.of(fields.get(invalid.field()), sentence(invalid.getMessage())), null);
        }
        return new FieldErrors(Map.of(), sentence(e.getMessage()));
    }

    /** As the templates read it: {@code fieldErrors} (field → sentence) and {@code error} (the rest). */
    void addTo(Model model) {
        model.addAttribute("fieldErrors", byField);
        model.addAttribute("error", general);
    }

    private static String sentence(String message) {
        String text = message == null ? "" : message.strip();
        if (text.isEmpty()) {
            return text;
        }
        text = Character.toUpperCase(text.charAt(0)) + text.substring(1);
        return text.endsWith(".") ? text : text + ".";
    }
}
