package io.forkcast.shared;

import com.fasterxml.jackson.annotation.JsonValue;
import io.forkcast.shared.jpa.WireNameColumn;
import jakarta.persistence.Converter;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A social network and the rules it sets on a post: the one place the caption, hashtag and mention limits and the
 * patterns that count them live, asked by accounts, captions, posts and the dashboard's counters alike. Instagram
 * allows 2,200 characters, 30 hashtags, 20 mentions and needs an image; Facebook allows 63,206 characters and sets
 * no hashtag or mention limit; a Google Business Profile post (a location's listing on Search and Maps) takes a
 * summary of at most 1,500 characters and no image is required. What else a Google post needs by type (an event's
 * title and dates, an offer's) is in {@link GooglePost}.
 *
 * <p>Each network also has its {@link Format}s (feed, Reel, Story), each with {@link MediaRules} on what it takes:
 * how many photos and videos, their durations, aspect ratios, sizes, frame rates and codecs, and whether it shows a
 * caption. The facts and their sources are in {@code docs/platforms/meta.md}.
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

    /** Where on the network a delivery appears. */
    public enum Format {
        FEED("feed post"), REEL("Reel"), STORY("Story");

        private final String displayName;

        Format(String displayName) {
            this.displayName = displayName;
        }

        public String displayName() {
            return displayName;
        }

        @JsonValue
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return wireName();
        }

        /** The format of a wire name; empty for an unknown one. */
        public static Optional<Format> fromWire(String name) {
            for (Format format : values()) {
                if (format.wireName().equals(name)) {
                    return Optional.of(format);
                }
            }
            return Optional.empty();
        }

        /** Stored as the wire name. */
        @Converter(autoApply = true)
        public static class Column extends WireNameColumn<Format> {

            public Column() {
                super(Format.class);
            }
        }
    }

    /**
     * What one format of one network takes.
     *
     * @param minItems fewest media; {@code maxItems} most (2 and more make a carousel or a multi-photo post)
     * @param photos whether photos are taken; {@code videos} whether videos are; {@code mixed} whether both together
     * @param singleVideo whether one video alone is a post of this format (Instagram's feed turns it into a Reel)
     * @param minAspect width/height of the narrowest picture; {@code maxAspect} of the widest
     * @param minHeight fewest pixels of a video's displayed height; {@code maxWidth} most of its displayed width
     * @param captioned whether the format shows a caption (Stories do not: none is sent)
     * @param commented whether a first comment can be posted on it through the API (not on Stories)
     * @param feedSharing whether the owner chooses if it also shows in the account's feed grid (Instagram's
     *                    {@code share_to_feed}, a Reels parameter only)
     */
    public record MediaRules(Platform platform, Format format, int minItems, int maxItems, boolean photos,
            boolean videos, boolean mixed, boolean singleVideo, long minDurationMillis, long maxDurationMillis,
            double minAspect, double maxAspect, long maxVideoBytes, int minHeight, int maxWidth, double minFrameRate,
            double maxFrameRate, Set<String> videoCodecs, Set<String> audioCodecs, boolean captioned,
            boolean commented, boolean feedSharing) {

        public String name() {
            return platform.displayName() + " " + format.displayName();
        }

        /** Why this format takes no first comment, naming the rule; empty when it takes one. */
        public Optional<String> firstCommentProblem() {
            if (commented) {
                return Optional.empty();
            }
            if (platform == GOOGLE_BUSINESS) {
                return Optional.of(name() + " takes no first comment: Google's API has no comments on a listing's "
                        + "posts. Leave the first comment out.");
            }
            return Optional.of(name() + " takes no first comment: Meta's API does not comment on a "
                    + format.displayName() + ". Leave the first comment out, or choose the feed or a Reel.");
        }

        /**
         * Why this format refuses a choice of "also share to feed", naming the rule; empty when the choice is
         * {@code null} (not made) or the format offers it.
         */
        public Optional<String> shareToFeedProblem(Boolean shareToFeed) {
            if (shareToFeed == null || feedSharing) {
                return Optional.empty();
            }
            return Optional.of("Only an Instagram Reel can be kept out of the feed grid; " + name()
                    + " has no such choice, so leave share_to_feed out.");
        }

        /** What this format refuses in these media, as a sentence naming the rule and the value; empty if none. */
        public Optional<String> problem(List<MediaFacts> media) {
            long videoCount = media.stream().filter(MediaFacts::video).count();
            long photoCount = media.size() - videoCount;
            if (media.size() < minItems) {
                return Optional.of(name() + " needs " + (minItems == 1 ? "a photo or a video" : minItems + " media")
                        + (photos ? "" : ": a video") + ".");
            }
            if (media.size() > maxItems) {
                return Optional.of(name() + " takes at most " + maxItems + (maxItems == 1 ? " medium" : " media")
                        + "; this post has " + media.size() + ".");
            }
            if (photoCount > 0 && !photos) {
                return Optional.of(name() + " takes only a video, not a photo.");
            }
            if (videoCount > 0 && !videos) {
                return Optional.of(name() + " takes only photos, not a video.");
            }
            if (photoCount > 0 && videoCount > 0 && !mixed) {
                return Optional.of(name() + " takes photos or one video, not both.");
            }
            if (media.size() == 1 && videoCount == 1 && !singleVideo) {
                return Optional.of(platform.displayName() + " publishes a single video as a Reel: choose the reel "
                        + "format, or add photos to make a carousel.");
            }
            if (videoCount > 1 && !mixed) {
                return Optional.of(name() + " takes one video; this post has " + videoCount + ".");
            }
            for (MediaFacts medium : media) {
                if (medium.video()) {
                    Optional<String> problem = videoProblem(medium);
                    if (problem.isPresent()) {
                        return problem;
                    }
                }
            }
            return Optional.empty();
        }

        /** What this format refuses in one video; empty if it takes it. */
        public Optional<String> videoProblem(MediaFacts video) {
            String rule = name() + " takes ";
            if (!videoCodecs.contains(video.videoCodec())) {
                return Optional.of(rule + "video encoded as " + codecs(videoCodecs) + "; this one is "
                        + describe(video.videoCodec()) + ".");
            }
            if (video.audioCodec() != null && !audioCodecs.contains(video.audioCodec())) {
                return Optional.of(rule + "sound encoded as " + codecs(audioCodecs) + "; this one is "
                        + describe(video.audioCodec()) + ".");
            }
            if (video.durationMillis() < minDurationMillis) {
                return Optional.of(rule + "videos of at least " + seconds(minDurationMillis) + "; this one lasts "
                        + video.seconds() + ".");
            }
            if (video.durationMillis() > maxDurationMillis) {
                return Optional.of(rule + "videos of at most " + seconds(maxDurationMillis) + "; this one lasts "
                        + video.seconds() + ".");
            }
            if (video.size() > maxVideoBytes) {
                return Optional.of(rule + "videos of at most " + maxVideoBytes / 1_000_000 + " MB; this one has "
                        + video.size() / 1_000_000 + " MB.");
            }
            double aspect = video.aspect();
            if (aspect < minAspect - 0.005 || aspect > maxAspect + 0.005) {
                return Optional.of(rule + "pictures of aspect ratio " + ratio(minAspect) + " to " + ratio(maxAspect)
                        + " (width:height); this one is " + video.width() + "×" + video.height() + ".");
            }
            if (video.height() < minHeight) {
                return Optional.of(rule + "pictures at least " + minHeight + " pixels high; this one is "
                        + video.width() + "×" + video.height() + ".");
            }
            if (video.width() > maxWidth) {
                return Optional.of(rule + "pictures at most " + maxWidth + " pixels wide; this one is "
                        + video.width() + "×" + video.height() + ".");
            }
            if (video.frameRate() < minFrameRate - 0.5 || video.frameRate() > maxFrameRate + 0.5) {
                return Optional.of(rule + String.format(Locale.ROOT, "%.0f to %.0f frames per second; this one has "
                        + "%.2f.", minFrameRate, maxFrameRate, video.frameRate()));
            }
            return Optional.empty();
        }

        private static String seconds(long millis) {
            long seconds = millis / 1000;
            if (seconds >= 120 && seconds % 60 == 0) {
                return seconds / 60 + " minutes";
            }
            return seconds + (seconds == 1 ? " second" : " seconds");
        }

        private static String ratio(double aspect) {
            if (Math.abs(aspect - 9.0 / 16) < 0.001) {
                return "9:16";
            }
            if (Math.abs(aspect - 16.0 / 9) < 0.001) {
                return "16:9";
            }
            return String.format(Locale.ROOT, "%.2f:1", aspect);
        }

        private static String codecs(Set<String> names) {
            return String.join(" or ", names.stream().map(MediaRules::describe).sorted().toList());
        }

        private static String describe(String codec) {
            if (codec == null) {
                return "nothing";
            }
            return switch (codec) {
                case "h264" -> "H.264";
                case "hevc" -> "HEVC (H.265)";
                case "aac" -> "AAC";
                default -> codec;
            };
        }
    }

    private static final Set<String> META_VIDEO = Set.of("h264", "hevc");
    private static final Set<String> META_AUDIO = Set.of("aac");
    private static final long SECOND = 1000;
    private static final long MINUTE = 60 * SECOND;
    private static final long MB = 1_000_000;

    /** The rules of each format; a format missing from the list is not offered by the network. */
    private static final List<MediaRules> RULES = List.of(
            // Feed: 1 photo, or a carousel of 2 to 10 photos and videos; a lone video is published as a Reel.
            new MediaRules(INSTAGRAM, Format.FEED, 1, 10, true, true, true, false, 3 * SECOND, 60 * MINUTE,
                    0.8, 1.91, 300 * MB, 0, 1920, 23, 60, META_VIDEO, META_AUDIO, true, true, false),
            new MediaRules(INSTAGRAM, Format.REEL, 1, 1, false, true, false, true, 3 * SECOND, 15 * MINUTE,
                    0.01, 10, 300 * MB, 0, 1920, 23, 60, META_VIDEO, META_AUDIO, true, true, true),
            new MediaRules(INSTAGRAM, Format.STORY, 1, 1, true, true, false, true, 3 * SECOND, 60 * SECOND,
                    0.1, 10, 100 * MB, 0, 1920, 23, 60, META_VIDEO, META_AUDIO, false, false, false),
            // Feed: text alone, photos, or one video.
            new MediaRules(FACEBOOK, Format.FEED, 0, 10, true, true, false, true, SECOND, 240 * MINUTE,
                    0.01, 100, 1000 * MB, 0, Integer.MAX_VALUE, 1, 60, META_VIDEO, META_AUDIO, true, true, false),
            new MediaRules(FACEBOOK, Format.REEL, 1, 1, false, true, false, true, 3 * SECOND, 90 * SECOND,
                    9.0 / 16, 9.0 / 16, 1000 * MB, 960, Integer.MAX_VALUE, 24, 60, META_VIDEO, META_AUDIO, true, true, false),
            new MediaRules(FACEBOOK, Format.STORY, 1, 1, true, true, false, true, 3 * SECOND, 60 * SECOND,
                    9.0 / 16, 9.0 / 16, 1000 * MB, 960, Integer.MAX_VALUE, 24, 60, META_VIDEO, META_AUDIO, false, false, false),
            // A Google listing's post: text alone or with photos (the first one is the post's photo); no video.
            new MediaRules(GOOGLE_BUSINESS, Format.FEED, 0, 10, true, false, false, false, 0, 0,
                    0.01, 100, 0, 0, Integer.MAX_VALUE, 0, 0, Set.of(), Set.of(), true, false, false));

    /** The formats this network offers, feed first. */
    public List<Format> formats() {
        return RULES.stream().filter(rules -> rules.platform() == this).map(MediaRules::format).toList();
    }

    /** The rules of a format of this network; empty when the network does not offer it. */
    public Optional<MediaRules> rules(Format format) {
        return RULES.stream().filter(rules -> rules.platform() == this && rules.format() == format).findFirst();
    }

    /**
     * Why no format of any network takes this video, naming the most lenient rule it breaks (Facebook's feed, which
     * takes the longest and widest videos); empty when at least one takes it.
     */
    public static Optional<String> videoPublishableNowhere(MediaFacts video) {
        Optional<String> problem = Optional.empty();
        for (MediaRules rules : RULES) {
            if (!rules.videos()) {
                continue;
            }
            Optional<String> found = rules.videoProblem(video);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (rules.platform() == FACEBOOK && rules.format() == Format.FEED) {
                problem = found;
            }
        }
        return problem.map(sentence -> "No network takes this video. " + sentence);
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
