package io.forkcast.assets;

import java.util.Locale;
import java.util.Optional;

/**
 * The video containers the library accepts, recognised by their first bytes (an ISO base media file starts with an
 * {@code ftyp} box whose major brand tells QuickTime from MP4), never by a file name.
 */
enum VideoFormat {
    MP4("video/mp4", "mp4"),
    MOV("video/quicktime", "mov");

    final String mediaType;
    final String extension;

    VideoFormat(String mediaType, String extension) {
        this.mediaType = mediaType;
        this.extension = extension;
    }

    static Optional<VideoFormat> sniff(byte[] head, int length) {
        if (length < 12 || head[4] != 'f' || head[5] != 't' || head[6] != 'y' || head[7] != 'p') {
            return Optional.empty();
        }
        String brand = new String(head, 8, 4, java.nio.charset.StandardCharsets.US_ASCII);
        return Optional.of(brand.equals("qt  ") ? MOV : MP4);
    }

    static Optional<VideoFormat> fromMediaType(String mediaType) {
        for (VideoFormat format : values()) {
            if (format.mediaType.equalsIgnoreCase(mediaType) || format.extension.equalsIgnoreCase(mediaType)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }

    /** Whether a file name says it is a video (what the owner's computer thinks it is). */
    static boolean namedAsVideo(String filename) {
        if (filename == null) {
            return false;
        }
        String lower = filename.toLowerCase(Locale.ROOT).strip();
        return lower.endsWith(".mp4") || lower.endsWith(".mov") || lower.endsWith(".m4v") || lower.endsWith(".qt");
    }

    static boolean isVideo(String mediaType) {
        return mediaType != null && mediaType.startsWith("video/");
    }
}
