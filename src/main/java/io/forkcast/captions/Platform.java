package io.forkcast.captions;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where a caption will be posted, with that platform's limits: Instagram allows 2,200 characters, 30 hashtags
 * and 20 mentions; Facebook allows long text (63,206 characters) and sets no hashtag or mention limit.
 */
public enum Platform {
    FACEBOOK(63_206, Integer.MAX_VALUE, Integer.MAX_VALUE),
    INSTAGRAM(2_200, 30, 20);

    private final int maxCharacters;
    private final int maxHashtags;
    private final int maxMentions;

    Platform(int maxCharacters, int maxHashtags, int maxMentions) {
        this.maxCharacters = maxCharacters;
        this.maxHashtags = maxHashtags;
        this.maxMentions = maxMentions;
    }

    public int maxCharacters() {
        return maxCharacters;
    }

    public int maxHashtags() {
        return maxHashtags;
    }

    public int maxMentions() {
        return maxMentions;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @Override
    public String toString() {
        return wireName();
    }
}
