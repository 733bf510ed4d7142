package io.forkcast.shared.jpa;

import jakarta.persistence.AttributeConverter;

import java.util.Locale;

/**
 * Stores an enum as its wire name (the constant in lower case, as the API writes it), so that a column reads as the
 * JSON does; a subclass per enum, annotated {@code @Converter(autoApply = true)}, is all JPA needs.
 */
public abstract class WireNameColumn<E extends Enum<E>> implements AttributeConverter<E, String> {

    private final Class<E> type;

    protected WireNameColumn(Class<E> type) {
        this.type = type;
    }

    @Override
    public String convertToDatabaseColumn(E value) {
        return value == null ? null : value.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public E convertToEntityAttribute(String value) {
        return value == null ? null : Enum.valueOf(type, value.toUpperCase(Locale.ROOT));
    }
}
