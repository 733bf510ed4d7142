package io.forkcast.assets;

import java.util.Locale;
import java.util.Optional;

/** The stored forms of an asset: the file as uploaded and the two derivatives computed at upload. */
public enum AssetVariant {
    /** The file exactly as uploaded. */
    ORIGINAL,
    /** Longest side at most 320 pixels. */
    THUMBNAIL,
    /** A JPEG within Instagram's limits: sRGB, no metadata, width at most 1440, aspect 4:5 to 1.91:1, at most 8 MB. */
    INSTAGRAM;

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
