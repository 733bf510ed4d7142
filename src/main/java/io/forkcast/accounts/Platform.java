package io.forkcast.accounts;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Where an account lives. */
public enum Platform {
    FACEBOOK, INSTAGRAM;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @Converter(autoApply = true)
    static class Column implements AttributeConverter<Platform, String> {

        @Override
        public String convertToDatabaseColumn(Platform platform) {
            return platform == null ? null : platform.wireName();
        }

        @Override
        public Platform convertToEntityAttribute(String value) {
            return value == null ? null : Platform.valueOf(value.toUpperCase());
        }
    }
}
