package io.forkcast.assets;

import io.forkcast.shared.DomainException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.PointerScope;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.leptonica.BOX;
import org.bytedeco.leptonica.PIX;
import org.bytedeco.leptonica.global.leptonica;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

import java.awt.Color;
import java.awt.Rectangle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.bytedeco.leptonica.global.leptonica.L_SEVERITY_NONE;
import static org.bytedeco.leptonica.global.leptonica.boxCreate;
import static org.bytedeco.leptonica.global.leptonica.boxDestroy;
import static org.bytedeco.leptonica.global.leptonica.lept_free;
import static org.bytedeco.leptonica.global.leptonica.pixAddBorderGeneral;
import static org.bytedeco.leptonica.global.leptonica.pixClipRectangle;
import static org.bytedeco.leptonica.global.leptonica.pixConvertTo32;
import static org.bytedeco.leptonica.global.leptonica.pixDestroy;
import static org.bytedeco.leptonica.global.leptonica.pixFlipLR;
import static org.bytedeco.leptonica.global.leptonica.pixFlipTB;
import static org.bytedeco.leptonica.global.leptonica.pixGetDepth;
import static org.bytedeco.leptonica.global.leptonica.pixGetHeight;
import static org.bytedeco.leptonica.global.leptonica.pixGetWidth;
import static org.bytedeco.leptonica.global.leptonica.pixReadJpeg;
import static org.bytedeco.leptonica.global.leptonica.pixRotateOrth;
import static org.bytedeco.leptonica.global.leptonica.pixScaleGeneral;
import static org.bytedeco.leptonica.global.leptonica.pixWriteMemJpeg;
import static org.bytedeco.leptonica.global.leptonica.readHeaderJpeg;
import static org.bytedeco.leptonica.global.leptonica.setMsgSeverity;

/**
 * JPEG photos through libjpeg-turbo, in native memory: decoded straight to the size the derivatives need (the
 * decoder's DCT scaling by 1/2, 1/4 or 1/8 does less work, where the JDK's decoder decodes every block and only then
 * drops pixels), oriented, cropped or padded, scaled and encoded without a pixel on the Java heap. The JDK's decoder
 * alone costs more than an upload's CPU budget on a 12 MP photo; this one a fraction of it.
 *
 * <p>The library is Leptonica's JavaCPP build, which links libjpeg-turbo in and ships as a Maven artifact: nothing
 * is installed on the machine. Where its natives do not load (an operating system or processor we do not bundle),
 * {@link #load()} says why once and the pipeline keeps to ImageIO.
 */
final class NativeJpeg {

    private static final Logger log = LoggerFactory.getLogger(NativeJpeg.class);
    private static final int[] DCT_SCALES = {8, 4, 2, 1};

    private NativeJpeg() {
    }

    /** The codec of this process, loaded at the first call; empty where the library does not load. */
    static Optional<NativeJpeg> shared() {
        return Shared.CODEC;
    }

    private static final class Shared {
        static final Optional<NativeJpeg> CODEC = load();
    }

    /** The native codec, or empty (logged once, at INFO) when its library cannot be loaded here. */
    static Optional<NativeJpeg> load() {
        try {
            Loader.load(leptonica.class);
            // Leptonica reports a decoder's warnings to stderr; they are counted and judged here instead.
            setMsgSeverity(L_SEVERITY_NONE);
            return Optional.of(new NativeJpeg());
        } catch (LinkageError | RuntimeException e) {
            log.info("JPEG images are processed with ImageIO (slower): the native libjpeg-turbo build does not load "
                    + "on {} {}: {}", System.getProperty("os.name"), System.getProperty("os.arch"), e.toString());
            return Optional.empty();
        }
    }

    /**
     * Reads a JPEG file's size from its header (nothing decoded yet).
     *
     * @throws DomainException 415 when the header is not a JPEG's
     */
    Photo open(Path file) {
        try (IntPointer width = new IntPointer(1); IntPointer height = new IntPointer(1);
                IntPointer samples = new IntPointer(1); IntPointer ycck = new IntPointer(1);
                IntPointer cmyk = new IntPointer(1)) {
            if (readHeaderJpeg(file.toString(), width, height, samples, ycck, cmyk) != 0) {
                throw ImagePipeline.notAnImage(ImageFormat.JPEG);
            }
            return new Photo(file, width.get(), height.get());
        }
    }

    /**
     * A JPEG file, read by libjpeg-turbo from the file itself: neither the heap nor native memory holds a copy of
     * the upload.
     */
    static final class Photo {

        private final Path file;
        private final int width;
        private final int height;

        private Photo(Path file, int width, int height) {
            this.file = file;
            this.width = width;
            this.height = height;
        }

        int width() {
            return width;
        }

        int height() {
            return height;
        }

        /**
         * The thumbnail and the Instagram derivative, decoded scaled down by {@code subsampling} (rounded down to
         * what the decoder does) and turned upright by the EXIF {@code orientation}.
         *
         * <p>The decoded image is cropped and scaled as it is stored, and only the small results are turned: a phone
         * held upright stores its photo on its side, and turning the decoded photo first would cost another copy of
         * it (12 MB for a 12 MP photo) and a pass over all its pixels.
         */
        ImagePipeline.Derivative[] derivatives(int subsampling, int orientation, ImagePipeline.Fit fit,
                Color padColor) throws IOException {
            List<PIX> images = new ArrayList<>();
            try (IntPointer warnings = new IntPointer(1)) {
                PIX decoded = keep(images, pixReadJpeg(file.toString(), 0, dctScale(subsampling), warnings, 0));
                // libjpeg-turbo fills a cut-off file with grey and only warns: that is a broken upload, not a photo.
                if ((decoded == null || warnings.get() > 0) && !endsItsImage(file)) {
                    throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                            "The file is not a complete JPEG image (it ends too early).");
                }
                if (decoded == null) {
                    throw ImagePipeline.notAnImage(ImageFormat.JPEG);
                }
                PIX rgb = pixGetDepth(decoded) == 32 ? decoded : instead(images, decoded, pixConvertTo32(decoded));
                return NativeJpeg.derivatives(images, rgb, orientation, fit, padColor);
            } finally {
                for (PIX image : images) {
                    pixDestroy(image);
                }
            }
        }
    }

    /** The largest scale-down the decoder does itself (8, 4, 2 or 1) that is no larger than {@code subsampling}. */
    static int dctScale(int subsampling) {
        for (int scale : DCT_SCALES) {
            if (scale <= subsampling) {
                return scale;
            }
        }
        return 1;
    }

    /**
     * {@code next}, made from {@code used}, which nothing reads any more: {@code used} is freed at once rather than
     * with the rest at the end (a 12 MP photo's stages are 12 MB each, two photos are worked on at a time). The
     * same image, or none (a failed step: the caller says so), frees nothing.
     */
    private static PIX instead(List<PIX> images, PIX used, PIX next) {
        if (next == null || next.equals(used)) {
            return next;
        }
        if (!images.contains(next)) {
            images.add(next);
        }
        if (images.remove(used)) {
            pixDestroy(used);
        }
        return next;
    }

    private static PIX keep(List<PIX> images, PIX image) {
        if (image != null) {
            images.add(image);
        }
        return image;
    }

    /** Turns a decoded image upright (EXIF orientations 1..8, as {@link ImagePipeline#orient} does for ImageIO). */
    static PIX orient(List<PIX> images, PIX image, int orientation) {
        return switch (orientation) {
            case 2 -> keep(images, pixFlipLR(null, image));
            case 3 -> keep(images, pixRotateOrth(image, 2));
            case 4 -> keep(images, pixFlipTB(null, image));
            // Transposed: a quarter turn clockwise, then mirrored left to right.
            case 5 -> {
                PIX turned = keep(images, pixRotateOrth(image, 1));
                yield instead(images, turned, pixFlipLR(null, turned));
            }
            case 6 -> keep(images, pixRotateOrth(image, 1));
            // Transversed: a quarter turn clockwise, then mirrored top to bottom.
            case 7 -> {
                PIX turned = keep(images, pixRotateOrth(image, 1));
                yield instead(images, turned, pixFlipTB(null, turned));
            }
            case 8 -> keep(images, pixRotateOrth(image, 3));
            default -> image;
        };
    }

    /**
     * Both derivatives of a decoded image as it is stored: the Instagram copy's crop is found in the stored image,
     * cropped, scaled and only then turned upright, and the thumbnail is scaled from that copy when it shows the
     * whole photo (from the decoded image otherwise).
     */
    private static ImagePipeline.Derivative[] derivatives(List<PIX> images, PIX stored, int orientation,
            ImagePipeline.Fit fit, Color padColor) {
        boolean quarterTurn = orientation >= 5;
        int storedWidth = pixGetWidth(stored);
        int storedHeight = pixGetHeight(stored);
        int uprightWidth = quarterTurn ? storedHeight : storedWidth;
        int uprightHeight = quarterTurn ? storedWidth : storedHeight;
        ImagePipeline.Layout layout = ImagePipeline.instagramLayout(uprightWidth, uprightHeight, fit);
        ImagePipeline.Size thumbnailSize = ImagePipeline.thumbnailSize(uprightWidth, uprightHeight);
        boolean cropped = layout.cropWidth() != uprightWidth || layout.cropHeight() != uprightHeight;
        // The Instagram copy shows all of the photo, no larger than it is: the thumbnail is scaled from it.
        boolean thumbnailFromCopy = !cropped && layout.contentWidth() <= uprightWidth
                && layout.contentWidth() >= thumbnailSize.width() && layout.contentHeight() >= thumbnailSize.height();

        ImagePipeline.Derivative thumbnail = thumbnailFromCopy ? null
                : thumbnail(images, stored, thumbnailSize, orientation);
        PIX content = stored;
        if (cropped) {
            Rectangle crop = storedRectangle(orientation, storedWidth, storedHeight, layout.cropX(), layout.cropY(),
                    layout.cropWidth(), layout.cropHeight());
            BOX box = boxCreate(crop.x, crop.y, crop.width, crop.height);
            try {
                content = instead(images, stored, pixClipRectangle(stored, box, (BOX) null));
            } finally {
                boxDestroy(box);
            }
        }
        PIX scaled = instead(images, content,
                scaleAsStored(images, content, layout.contentWidth(), layout.contentHeight(), orientation));
        if (thumbnailFromCopy) {
            thumbnail = thumbnail(images, scaled, thumbnailSize, orientation);
        }
        PIX canvas = instead(images, scaled, orient(images, scaled, orientation));
        return new ImagePipeline.Derivative[] {thumbnail, instagram(images, canvas, layout, padColor)};
    }

    /** The thumbnail, scaled from an image as it is stored, then turned upright. */
    private static ImagePipeline.Derivative thumbnail(List<PIX> images, PIX stored, ImagePipeline.Size size,
            int orientation) {
        PIX scaled = scaleAsStored(images, stored, size.width(), size.height(), orientation);
        PIX upright = orient(images, scaled, orientation);
        return new ImagePipeline.Derivative(jpeg(upright, ImagePipeline.THUMBNAIL_QUALITY), ImageFormat.JPEG,
                size.width(), size.height());
    }

    /** Scales an image as stored to what will be {@code width} × {@code height} once it is turned upright. */
    private static PIX scaleAsStored(List<PIX> images, PIX stored, int width, int height, int orientation) {
        return orientation >= 5 ? scale(images, stored, height, width) : scale(images, stored, width, height);
    }

    /**
     * Where a rectangle of the upright image lies in the image as stored, before its EXIF {@code orientation} turns
     * or mirrors it (the inverse of {@link #orient}).
     */
    static Rectangle storedRectangle(int orientation, int storedWidth, int storedHeight, int x, int y, int width,
            int height) {
        int w = storedWidth;
        int h = storedHeight;
        return switch (orientation) {
            case 2 -> new Rectangle(w - x - width, y, width, height);
            case 3 -> new Rectangle(w - x - width, h - y - height, width, height);
            case 4 -> new Rectangle(x, h - y - height, width, height);
            case 5 -> new Rectangle(y, x, height, width);
            case 6 -> new Rectangle(y, h - x - width, height, width);
            case 7 -> new Rectangle(w - y - height, h - x - width, height, width);
            case 8 -> new Rectangle(w - y - height, x, height, width);
            default -> new Rectangle(x, y, width, height);
        };
    }

    /** The Instagram copy from its upright, scaled content: padded to its canvas where the layout says so. */
    private static ImagePipeline.Derivative instagram(List<PIX> images, PIX content, ImagePipeline.Layout layout,
            Color padColor) {
        PIX canvas = content;
        if (layout.contentWidth() != layout.targetWidth() || layout.contentHeight() != layout.targetHeight()) {
            int left = (layout.targetWidth() - layout.contentWidth()) / 2;
            int top = (layout.targetHeight() - layout.contentHeight()) / 2;
            // Leptonica's 32-bit pixels are red, green, blue from the most significant byte down.
            int colour = padColor.getRed() << 24 | padColor.getGreen() << 16 | padColor.getBlue() << 8;
            canvas = instead(images, canvas, pixAddBorderGeneral(canvas, left,
                    layout.targetWidth() - layout.contentWidth() - left, top,
                    layout.targetHeight() - layout.contentHeight() - top, colour));
        }
        int quality = ImagePipeline.INSTAGRAM_QUALITY;
        byte[] jpeg = jpeg(canvas, quality);
        while (jpeg.length > ImagePipeline.INSTAGRAM_MAX_BYTES && quality > ImagePipeline.LOWEST_QUALITY) {
            quality -= ImagePipeline.QUALITY_STEP;
            jpeg = jpeg(canvas, quality);
        }
        return new ImagePipeline.Derivative(jpeg, ImageFormat.JPEG, layout.targetWidth(), layout.targetHeight());
    }

    /**
     * Scales to exactly {@code width} × {@code height}: area mapping below 0.7 of the size, linear interpolation
     * above (as Thumbnailator does on the ImageIO path), and no sharpening.
     */
    private static PIX scale(List<PIX> images, PIX image, int width, int height) {
        int sourceWidth = pixGetWidth(image);
        int sourceHeight = pixGetHeight(image);
        if (width == sourceWidth && height == sourceHeight) {
            return image;
        }
        // Leptonica rounds scale × size to the nearest pixel; a quarter pixel above the target keeps it there.
        PIX scaled = keep(images, pixScaleGeneral(image, (width + 0.25f) / sourceWidth, (height + 0.25f) / sourceHeight,
                0f, 0));
        if (scaled == null || pixGetWidth(scaled) != width || pixGetHeight(scaled) != height) {
            throw new IllegalStateException("Scaling %d × %d to %d × %d failed"
                    .formatted(sourceWidth, sourceHeight, width, height));
        }
        return scaled;
    }

    /** A baseline JPEG with a bare JFIF header (4:2:0, as ImageIO writes them): no EXIF, no GPS, no ICC profile. */
    private static byte[] jpeg(PIX image, int quality) {
        try (PointerScope scope = new PointerScope()) {
            PointerPointer<BytePointer> out = new PointerPointer<>(1);
            SizeTPointer size = new SizeTPointer(1);
            if (pixWriteMemJpeg(out, size, image, quality, 0) != 0) {
                throw new IllegalStateException("The JPEG encoder failed");
            }
            BytePointer encoded = out.get(BytePointer.class);
            try {
                byte[] bytes = new byte[Math.toIntExact(size.get())];
                encoded.get(bytes);
                return bytes;
            } finally {
                lept_free(encoded);
            }
        }
    }

    /** {@link #endsItsImage(ByteBuffer)} of a file, mapped rather than read: only a doubtful decode asks. */
    private static boolean endsItsImage(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file)) {
            return endsItsImage(channel.map(FileChannel.MapMode.READ_ONLY, 0, channel.size()));
        }
    }

    /**
     * Whether a JPEG's entropy-coded data ends with its end-of-image marker: the markers are walked by their lengths
     * to the first start-of-scan (an embedded EXIF thumbnail's own end marker is skipped over), then 0xFFD9 is looked
     * for after it (inside the scan data 0xFF is always followed by 0x00 or a restart marker).
     */
    static boolean endsItsImage(ByteBuffer jpeg) {
        int limit = jpeg.limit();
        int position = 2;
        while (position + 4 <= limit) {
            if ((jpeg.get(position) & 0xFF) != 0xFF) {
                return true;  // not a structure we can judge: the decoder's verdict stands
            }
            int marker = jpeg.get(position + 1) & 0xFF;
            if (marker == 0xFF) {
                position++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                position += 2;
                continue;
            }
            int length = (jpeg.get(position + 2) & 0xFF) << 8 | jpeg.get(position + 3) & 0xFF;
            if (marker == 0xDA) {
                for (int i = position + 2 + length; i + 1 < limit; i++) {
                    if (jpeg.get(i) == (byte) 0xFF && jpeg.get(i + 1) == (byte) 0xD9) {
                        return true;
                    }
                }
                return false;
            }
            position += 2 + length;
        }
        return false;
    }
}
