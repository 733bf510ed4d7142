package io.forkcast.assets;

import java.util.Locale;
import java.util.Optional;

/**
 * The stored forms of an asset: the file as uploaded and the derivatives computed at upload. For a video,
 * {@code THUMBNAIL} is its poster's thumbnail and {@code INSTAGRAM} and {@code POSTER} its poster frame (a JPEG).
 */
public enum AssetVariant {
    /** The file exactly as uploaded. */
    ORIGINAL,
    /** Longest side at most 320 pixels. */
    THUMBNAIL,
    /** A JPEG within Instagram's limits: sRGB, no metadata, width at most 1440, aspect 4:5 to 1.91:1, at most 8 MB. */
    INSTAGRAM,
    /** The picture that stands for the asset in a preview: a photo's Instagram copy, a video's poster frame (its cover). */
    POSTER;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AssetVariant> fromWire(String name) {
        for (AssetVariant variant : values()) {
            if (variant.wireName().equals(name)) {
                return Optional.of(variant);
            }
        }
        return Optional.empty();
    }
}
