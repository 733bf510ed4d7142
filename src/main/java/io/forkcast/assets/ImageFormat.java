package io.forkcast.assets;

import java.util.Arrays;
import java.util.Optional;

/** The image formats the library accepts, recognised by their first bytes, never by a file name. */
enum ImageFormat {
    JPEG("image/jpeg", "jpg", "jpeg"),
    PNG("image/png", "png", "png"),
    WEBP("image/webp", "webp", "webp");

    static final int SNIFF_LENGTH = 12;

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    final String mediaType;
    final String extension;
    final String imageIoName;

    ImageFormat(String mediaType, String extension, String imageIoName) {
        this.mediaType = mediaType;
        this.extension = extension;
        this.imageIoName = imageIoName;
    }

    static Optional<ImageFormat> sniff(byte[] head, int length) {
        if (length >= 3 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8 && (head[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (length >= 8 && Arrays.equals(head, 0, 8, PNG_SIGNATURE, 0, 8)) {
            return Optional.of(PNG);
        }
        if (length >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F'
                && head[8] == 'W' && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
            return Optional.of(WEBP);
        }
        return Optional.empty();
    }

    static Optional<ImageFormat> fromMediaType(String mediaType) {
        for (ImageFormat format : values()) {
            if (format.mediaType.equalsIgnoreCase(mediaType) || format.name().equalsIgnoreCase(mediaType)
                    || format.extension.equalsIgnoreCase(mediaType)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
