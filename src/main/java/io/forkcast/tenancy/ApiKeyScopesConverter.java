package io.forkcast.tenancy;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Stores a key's scopes as a space-separated list ({@code "read write"}), as OAuth writes scopes. */
@Converter
class ApiKeyScopesConverter implements AttributeConverter<Set<ApiKeyScope>, String> {

    @Override
    public String convertToDatabaseColumn(Set<ApiKeyScope> scopes) {
        return scopes.stream().sorted().map(ApiKeyScope::wireName).collect(Collectors.joining(" "));
    }

    @Override
    public Set<ApiKeyScope> convertToEntityAttribute(String column) {
        EnumSet<ApiKeyScope> scopes = EnumSet.noneOf(ApiKeyScope.class);
        if (column != null && !column.isBlank()) {
            Arrays.stream(column.trim().split("\\s+")).map(s -> ApiKeyScope.valueOf(s.toUpperCase())).forEach(scopes::add);
        }
        return scopes;
    }
}
