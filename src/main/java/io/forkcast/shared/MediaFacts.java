package io.forkcast.shared;

import java.util.Locale;

/**
 * What the networks' rules look at in one medium of a post, read from the file when it was uploaded: a photo's
 * size, or a video's duration, picture, frame rate, codecs and bitrate. Width and height are as displayed (a phone
 * video stored landscape with a 90° rotation is portrait).
 *
 * @param durationMillis a video's duration; 0 for a photo
 * @param videoCodec FFmpeg's short name ({@code h264}, {@code hevc}); null for a photo
 * @param audioCodec FFmpeg's short name ({@code aac}); null when there is no sound
 * @param bitrate bits per second of the whole file; 0 when unknown
 */
public record MediaFacts(Kind kind, int width, int height, long size, long durationMillis, double frameRate,
        String videoCodec, String audioCodec, long bitrate) {

    /** A photo or a video. */
    public enum Kind {
        PHOTO, VIDEO;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public static MediaFacts photo(int width, int height, long size) {
        return new MediaFacts(Kind.PHOTO, width, height, size, 0, 0, null, null, 0);
    }

    public boolean video() {
        return kind == Kind.VIDEO;
    }

    /** Width over height, as displayed. */
    public double aspect() {
        return height == 0 ? 0 : (double) width / height;
    }

    /** The duration in seconds, for sentences. */
    public String seconds() {
        return String.format(Locale.ROOT, "%.1f s", durationMillis / 1000.0);
    }
}
