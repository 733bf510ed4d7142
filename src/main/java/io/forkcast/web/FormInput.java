package io.forkcast.web;

import io.forkcast.shared.InvalidFieldException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * What the dashboard's forms send, turned into the services' requests: the same Bean Validation as the API's
 * request bodies (a refused field becomes an {@link InvalidFieldException} naming it), choices and lists.
 */
@Component
class FormInput {

    private final Validator validator;

    FormInput(Validator validator) {
        this.validator = validator;
    }

    /** Validates a request as the API would; the first violation (by field name) is thrown. */
    <T> T valid(T request) {
        List<ConstraintViolation<T>> violations = validator.validate(request).stream()
                .sorted(Comparator.comparing(v -> v.getPropertyPath().toString())).toList();
        if (!violations.isEmpty()) {
            ConstraintViolation<T> first = violations.getFirst();
            throw new InvalidFieldException(fieldName(first.getPropertyPath().toString()), first.getMessage());
        }
        return request;
    }

    /**
     * The form field a property path stands for, as the forms (and the API) name it: {@code dietaryTags[2].<list
     * element>} is {@code dietary_tags}.
     */
    static String fieldName(String propertyPath) {
        String property = propertyPath.split("[.\\[]", 2)[0];
        return property.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** A comma-separated list, trimmed, without empty entries. */
    static List<String> list(String value) {
        if (value == null || value.isBlank()) {
            return List.of();
        }
        return Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static UUID uuid(String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "is not one of the choices");
        }
    }

    /** A choice among an enum's constants, by name without case; blank is none. */
    static <E extends Enum<E>> E choice(Class<E> type, String value, String field) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.strip())) {
                return constant;
            }
        }
        throw new InvalidFieldException(field, "is not one of the choices");
    }
}
