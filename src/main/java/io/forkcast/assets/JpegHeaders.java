package io.forkcast.assets;

import com.twelvemonkeys.imageio.color.ColorProfiles;
import com.twelvemonkeys.imageio.metadata.Directory;
import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegment;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFReader;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageInputStream;
import java.awt.color.ICC_Profile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What the pipeline needs from a JPEG's header segments, read in one pass: its EXIF orientation (1..8; 1 when it has
 * none or it cannot be read) and whether it embeds a colour profile other than sRGB (a Display P3 photo, say), whose
 * pixels only ImageIO converts to the sRGB the derivatives promise.
 */
record JpegHeaders(int orientation, boolean foreignColourProfile) {

    static final JpegHeaders NONE = new JpegHeaders(1, false);

    private static final String ICC = "ICC_PROFILE";

    static JpegHeaders read(Path file) {
        List<JPEGSegment> segments;
        try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
            segments = JPEGSegmentUtil.readSegments(input, Map.of(JPEG.APP1, List.of("Exif"), JPEG.APP2, List.of(ICC)));
        } catch (IOException | RuntimeException unreadable) {
            // Broken segments are common in the wild; the picture itself is what matters.
            return NONE;
        }
        int orientation = 1;
        boolean foreign = false;
        for (JPEGSegment segment : segments) {
            byte[] data;
            try (InputStream stream = segment.data()) {
                data = stream.readAllBytes();
            } catch (IOException e) {
                continue;
            }
            if (segment.marker() == JPEG.APP1) {
                orientation = orientation == 1 ? orientation(data) : orientation;
            } else {
                foreign |= !isSrgb(data);
            }
        }
        return new JpegHeaders(orientation, foreign);
    }

    private static int orientation(byte[] exif) {
        int start = signatureOffset(exif, new byte[] {'I', 'I', 42, 0}, new byte[] {'M', 'M', 0, 42});
        if (start < 0) {
            return 1;
        }
        try (ImageInputStream tiff = ImageIO.createImageInputStream(
                new ByteArrayInputStream(exif, start, exif.length - start))) {
            Directory directory = new TIFFReader().read(tiff);
            Entry entry = directory.getEntryById(TIFF.TAG_ORIENTATION);
            if (entry != null && entry.getValue() instanceof Number number) {
                int value = number.intValue();
                return value >= 1 && value <= 8 ? value : 1;
            }
        } catch (IOException | RuntimeException unreadable) {
            // As above: a broken EXIF block leaves the image as stored.
        }
        return 1;
    }

    /**
     * Whether an ICC profile segment is sRGB. A profile split over several segments (over 64 KB: never sRGB) or one
     * that does not parse counts as foreign, so ImageIO, which handles both, gets the photo.
     */
    private static boolean isSrgb(byte[] segment) {
        // The profile's header has the signature "acsp" at offset 36.
        int signature = signatureOffset(segment, new byte[] {'a', 'c', 's', 'p'}, null);
        int start = signature - 36;
        if (start < 0 || start < 2 || segment[start - 1] != 1) {  // chunk count before the profile: one chunk only
            return false;
        }
        try {
            // TwelveMonkeys' own test: the profiles it would not convert from are the ones we may leave as they are.
            return ColorProfiles.isCS_sRGB(ICC_Profile.getInstance(Arrays.copyOfRange(segment, start, segment.length)));
        } catch (IllegalArgumentException unparsable) {
            return false;
        }
    }

    private static int signatureOffset(byte[] data, byte[] one, byte[] other) {
        int end = Math.min(data.length, 64) - 4;
        for (int i = 0; i <= end; i++) {
            if (startsAt(data, i, one) || (other != null && startsAt(data, i, other))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean startsAt(byte[] data, int offset, byte[] signature) {
        for (int j = 0; j < signature.length; j++) {
            if (data[offset + j] != signature[j]) {
                return false;
            }
        }
        return true;
    }
}
