package io.forkcast.captions;

import com.fasterxml.jackson.annotation.JsonValue;
import io.forkcast.shared.jpa.WireNameColumn;
import jakarta.persistence.Converter;

/**
 * What a post asks of its readers: {@code visit} (come in: it must go out while the restaurant is open),
 * {@code order} (order for pickup or delivery), {@code event} (something on a date), {@code general} (the default).
 * The caption writer shapes its call to action by it.
 */
public enum Intent {
    VISIT, ORDER, EVENT, GENERAL;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @Override
    public String toString() {
        return wireName();
    }

    @Converter(autoApply = true)
    static class Column extends WireNameColumn<Intent> {

        Column() {
            super(Intent.class);
        }
    }
}
