package io.forkcast.captions;

import com.fasterxml.jackson.annotation.JsonValue;

/** How many emoji a restaurant wants in its captions. */
public enum EmojiLevel {
    NONE, LOW, HIGH;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
