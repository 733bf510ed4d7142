package io.forkcast.accounts;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/** Whether Forkcast can act for an account: {@code active}, {@code needs_reconnect} (with a reason) or {@code disconnected}. */
public enum AccountStatus {
    ACTIVE, NEEDS_RECONNECT, DISCONNECTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @Converter(autoApply = true)
    static class Column implements AttributeConverter<AccountStatus, String> {

        @Override
        public String convertToDatabaseColumn(AccountStatus status) {
            return status == null ? null : status.wireName();
        }

        @Override
        public AccountStatus convertToEntityAttribute(String value) {
            return value == null ? null : AccountStatus.valueOf(value.toUpperCase());
        }
    }
}
