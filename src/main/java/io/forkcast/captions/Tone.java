package io.forkcast.captions;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a caption sounds. A restaurant's profile names its usual one (its voice). */
public enum Tone {
    FRIENDLY, UPSCALE, PLAYFUL, CASUAL, FESTIVE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
