package io.forkcast.shared.jpa;

import org.hibernate.type.descriptor.WrapperOptions;
import org.hibernate.type.descriptor.java.JavaType;
import org.hibernate.type.format.FormatMapper;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lets Hibernate map JSON columns ({@code jsonb} on PostgreSQL, {@code JSON} on H2) with the application's
 * Jackson 3 mapper; Hibernate 7.2's own mapper only knows Jackson 2.
 */
final class Jackson3JsonFormatMapper implements FormatMapper {

    private final JsonMapper jsonMapper;

    Jackson3JsonFormatMapper(JsonMapper jsonMapper) {
        this.jsonMapper = jsonMapper;
    }

    @Override
    public <T> T fromString(CharSequence value, JavaType<T> javaType, WrapperOptions options) {
        if (javaType.getJavaType() == String.class) {
            return javaType.getJavaTypeClass().cast(value.toString());
        }
        return jsonMapper.readValue(value.toString(), jsonMapper.constructType(javaType.getJavaType()));
    }

    @Override
    public <T> String toString(T value, JavaType<T> javaType, WrapperOptions options) {
        if (javaType.getJavaType() == String.class) {
            return (String) value;
        }
        return jsonMapper.writerFor(jsonMapper.constructType(javaType.getJavaType())).writeValueAsString(value);
    }
}
