package io.forkcast.shared;

import com.fasterxml.jackson.annotation.JsonValue;
import io.forkcast.shared.jpa.WireNameColumn;
import jakarta.persistence.Converter;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A social network and the rules it sets on a post: the one place the caption, hashtag and mention limits and the
 * patterns that count them live, asked by accounts, captions, posts and the dashboard's counters alike. Instagram
 * allows 2,200 characters, 30 hashtags, 20 mentions and needs an image; Facebook allows 63,206 characters and sets
 * no hashtag or mention limit; a Google Business Profile post (a location's listing on Search and Maps) takes a
 * summary of at most 1,500 characters and no image is required. What else a Google post needs by type (an event's
 * title and dates, an offer's) is in {@link GooglePost}.
 */
public enum Platform {
    FACEBOOK("Facebook", "FB", 63_206, Integer.MAX_VALUE, Integer.MAX_VALUE, false),
    INSTAGRAM("Instagram", "IG", 2_200, 30, 20, true),
    GOOGLE_BUSINESS("Google", "GO", 1_500, Integer.MAX_VALUE, Integer.MAX_VALUE, false);

    /**
     * A hashtag: {@code #} and letters, digits or underscores, not glued to a word or an HTML entity
     * ({@code &#39;}). The same expression runs in the browser (with the {@code u} flag).
     */
    public static final String HASHTAG_REGEX = "(?<![\\p{L}\\p{N}_&])#[\\p{L}\\p{N}_]+";
    /** A mention: {@code @} and a user name, not part of an e-mail address. Also run in the browser. */
    public static final String MENTION_REGEX = "(?<![\\p{L}\\p{N}_.])@[A-Za-z0-9_.]+";
    public static final Pattern HASHTAG = Pattern.compile(HASHTAG_REGEX);
    public static final Pattern MENTION = Pattern.compile(MENTION_REGEX);

    private final String displayName;
    private final String mark;
    private final int maxCharacters;
    private final int maxHashtags;
    private final int maxMentions;
    private final boolean needsImage;

    Platform(String displayName, String mark, int maxCharacters, int maxHashtags, int maxMentions,
            boolean needsImage) {
        this.displayName = displayName;
        this.mark = mark;
        this.maxCharacters = maxCharacters;
        this.maxHashtags = maxHashtags;
        this.maxMentions = maxMentions;
        this.needsImage = needsImage;
    }

    public String displayName() {
        return displayName;
    }

    /** Two letters that stand for the network where space is short (the calendar). */
    public String mark() {
        return mark;
    }

    public int maxCharacters() {
        return maxCharacters;
    }

    /** {@link Integer#MAX_VALUE} where the network sets no limit. */
    public int maxHashtags() {
        return maxHashtags;
    }

    /** {@link Integer#MAX_VALUE} where the network sets no limit. */
    public int maxMentions() {
        return maxMentions;
    }

    public boolean limitsHashtags() {
        return maxHashtags != Integer.MAX_VALUE;
    }

    public boolean limitsMentions() {
        return maxMentions != Integer.MAX_VALUE;
    }

    /** Whether a post needs at least one image among its media. */
    public boolean needsImage() {
        return needsImage;
    }

    /** As the dashboard and e-mails name an account: "Facebook Page Krusty Pizza", "Instagram @krusty". */
    public String accountName(String name) {
        if (name == null || name.isBlank()) {
            return displayName;
        }
        return switch (this) {
            case FACEBOOK -> "Facebook Page " + name;
            case INSTAGRAM -> "Instagram @" + name;
            case GOOGLE_BUSINESS -> "Google listing " + name;
        };
    }

    /** Characters as the networks count them: code points. */
    public static int length(String text) {
        return text == null ? 0 : text.codePointCount(0, text.length());
    }

    public static int hashtags(String text) {
        return count(HASHTAG.matcher(text == null ? "" : text));
    }

    public static int mentions(String text) {
        return count(MENTION.matcher(text == null ? "" : text));
    }

    /** What this network refuses in {@code caption}, as a sentence for the owner; empty when it accepts it. */
    public Optional<String> captionProblem(String caption) {
        int length = length(caption);
        if (length > maxCharacters) {
            return Optional.of(displayName + " takes at most " + maxCharacters + " characters; this caption has "
                    + length + ".");
        }
        int hashtags = hashtags(caption);
        if (hashtags > maxHashtags) {
            return Optional.of(displayName + " takes at most " + maxHashtags + " hashtags; this caption has "
                    + hashtags + ".");
        }
        int mentions = mentions(caption);
        if (mentions > maxMentions) {
            return Optional.of(displayName + " takes at most " + maxMentions + " @mentions; this caption has "
                    + mentions + ".");
        }
        return Optional.empty();
    }

    /**
     * The longest first comment this network takes: Instagram's comments follow its caption's 2,200 characters,
     * Facebook's comments take 8,000 (neither confirmed against Meta's reference: docs/platforms/meta.md).
     */
    public int maxCommentCharacters() {
        return this == INSTAGRAM ? 2_200 : 8_000;
    }

    /**
     * What this network refuses in a first comment, as a sentence for the owner; empty when it accepts it. A
     * comment counts its hashtags and mentions on its own, against the same limits as a caption.
     */
    public Optional<String> firstCommentProblem(String comment) {
        if (comment == null || comment.isBlank()) {
            return Optional.of("The first comment is empty; write it or leave it out.");
        }
        int length = length(comment);
        if (length > maxCommentCharacters()) {
            return Optional.of(displayName + " takes comments of at most " + maxCommentCharacters()
                    + " characters; this first comment has " + length + ".");
        }
        int hashtags = hashtags(comment);
        if (hashtags > maxHashtags) {
            return Optional.of(displayName + " takes at most " + maxHashtags + " hashtags; this first comment has "
                    + hashtags + ".");
        }
        int mentions = mentions(comment);
        if (mentions > maxMentions) {
            return Optional.of(displayName + " takes at most " + maxMentions + " @mentions; this first comment has "
                    + mentions + ".");
        }
        return Optional.empty();
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    @Override
    public String toString() {
        return wireName();
    }

    private static int count(Matcher matcher) {
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    /** Stored as the wire name. */
    @Converter(autoApply = true)
    public static class Column extends WireNameColumn<Platform> {

        public Column() {
            super(Platform.class);
        }
    }
}
