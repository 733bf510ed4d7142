package io.forkcast.posts;

import com.fasterxml.jackson.annotation.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

/**
 * Where a post is: {@code scheduled → publishing → published | failed}, with {@code retrying} after a transient
 * failure (back to {@code publishing} when the retry runs) and {@code cancelled} by the owner while scheduled.
 * With the {@code hold} late policy, a post that would go out too late is {@code held}: the owner publishes it now
 * (retry) or cancels it.
 */
public enum PostStatus {
    SCHEDULED, PUBLISHING, RETRYING, PUBLISHED, FAILED, CANCELLED, HELD;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    public static PostStatus fromWire(String value) {
        for (PostStatus status : values()) {
            if (status.wireName().equals(value)) {
                return status;
            }
        }
        return null;
    }

    @Converter(autoApply = true)
    static class Column implements AttributeConverter<PostStatus, String> {

        @Override
        public String convertToDatabaseColumn(PostStatus status) {
            return status == null ? null : status.wireName();
        }

        @Override
        public PostStatus convertToEntityAttribute(String value) {
            return value == null ? null : PostStatus.valueOf(value.toUpperCase());
        }
    }
}
