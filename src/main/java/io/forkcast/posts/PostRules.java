package io.forkcast.posts;

import io.forkcast.accounts.Platform;
import io.forkcast.shared.InvalidFieldException;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What each platform accepts in a post, checked before anything is queued. */
final class PostRules {

    static final int INSTAGRAM_CAPTION_MAX = 2200;
    static final int INSTAGRAM_HASHTAGS_MAX = 30;
    static final int INSTAGRAM_MENTIONS_MAX = 20;
    static final int FACEBOOK_CAPTION_MAX = 63206;

    private static final Pattern HASHTAG = Pattern.compile("(?<![\\p{L}\\p{N}_&])#[\\p{L}\\p{N}_]+");
    private static final Pattern MENTION = Pattern.compile("(?<![\\p{L}\\p{N}_.])@[A-Za-z0-9_.]+");

    private PostRules() {
    }

    static void checkCaption(Platform platform, String caption) {
        String text = caption == null ? "" : caption;
        int length = text.codePointCount(0, text.length());
        if (platform == Platform.INSTAGRAM) {
            if (length > INSTAGRAM_CAPTION_MAX) {
                throw new InvalidFieldException("caption", "Instagram takes at most " + INSTAGRAM_CAPTION_MAX
                        + " characters; this caption has " + length + ".");
            }
            int hashtags = count(HASHTAG.matcher(text));
            if (hashtags > INSTAGRAM_HASHTAGS_MAX) {
                throw new InvalidFieldException("caption", "Instagram takes at most " + INSTAGRAM_HASHTAGS_MAX
                        + " hashtags; this caption has " + hashtags + ".");
            }
            int mentions = count(MENTION.matcher(text));
            if (mentions > INSTAGRAM_MENTIONS_MAX) {
                throw new InvalidFieldException("caption", "Instagram takes at most " + INSTAGRAM_MENTIONS_MAX
                        + " @mentions; this caption has " + mentions + ".");
            }
        } else if (length > FACEBOOK_CAPTION_MAX) {
            throw new InvalidFieldException("caption", "Facebook takes at most " + FACEBOOK_CAPTION_MAX
                    + " characters; this caption has " + length + ".");
        }
    }

    private static int count(Matcher matcher) {
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
