package io.forkcast.assets;

import io.forkcast.shared.DomainException;
import net.coobird.thumbnailator.Thumbnails;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Turns an uploaded image into its two derivatives, once, at upload: a thumbnail (longest side 320 px) and an
 * Instagram-ready JPEG (EXIF orientation applied, no metadata at all, sRGB, width 320..1440, aspect 4:5..1.91:1,
 * at most 8 MB). The original is never changed.
 *
 * <p>Memory is what limits an instance here: a 12 MP phone photo is ~36 MB decoded. So the pixel count is read
 * from the header and checked before anything is decoded (a decompression bomb costs nothing), the decoder
 * subsamples to about twice the largest size we need, and only a few images are worked on at once, on the
 * instance's {@link DecodeThreads}.
 *
 * <p>CPU is the other limit: JPEG photos (nearly every upload) go through libjpeg-turbo ({@link NativeJpeg}), whose
 * decoder scales in the DCT; PNG, WebP, and JPEGs with a colour profile other than sRGB (converted to sRGB by
 * TwelveMonkeys) stay on ImageIO, as does everything where the native library does not load.
 */
@Component
class ImagePipeline {

    static final int THUMBNAIL_SIZE = 320;
    static final int INSTAGRAM_MAX_WIDTH = 1440;
    static final int INSTAGRAM_MIN_WIDTH = 320;
    static final long INSTAGRAM_MAX_BYTES = 8L * 1024 * 1024;
    static final double MIN_ASPECT = 4.0 / 5.0;
    static final double MAX_ASPECT = 1.91;
    /** Interleaved bytes in the order the JPEG encoder reads them; from any other layout it copies pixel by pixel. */
    static final int JPEG_PIXELS = BufferedImage.TYPE_3BYTE_BGR;
    static final int INSTAGRAM_QUALITY = 88;
    static final int THUMBNAIL_QUALITY = 85;
    /** The Instagram copy's quality steps down by this while it is over 8 MB, not below the lowest. */
    static final int QUALITY_STEP = 15;
    static final int LOWEST_QUALITY = 30;

    /** How an image outside Instagram's aspect ratios is brought within them. */
    enum Fit { CROP, PAD }

    record Derivative(byte[] bytes, ImageFormat format, int width, int height) {
        double aspect() {
            return (double) width / height;
        }
    }

    /** The original's dimensions as stored and as displayed (after its EXIF orientation), and the derivatives. */
    record Processed(int width, int height, int orientation, int displayWidth, int displayHeight,
            Derivative thumbnail, Derivative instagram) {
    }

    record Size(int width, int height) {
    }

    /**
     * Where the Instagram copy comes from and how large it is: the part of the upright image it shows (all of it
     * unless cropped), that part's size once scaled, and the canvas (larger than the content when padded).
     */
    record Layout(int cropX, int cropY, int cropWidth, int cropHeight, int contentWidth, int contentHeight,
            int targetWidth, int targetHeight) {
    }

    /** Decodes an image scaled down by up to {@code subsampling} and makes its thumbnail and Instagram copy. */
    @FunctionalInterface
    private interface Derive {
        Derivative[] derivatives(int subsampling, int orientation) throws IOException;
    }

    private final long maxPixels;
    private final DecodeThreads decodeThreads;
    private final Supplier<Optional<NativeJpeg>> nativeJpeg;

    @Autowired
    ImagePipeline(AssetsProperties properties, DecodeThreads decodeThreads) {
        // Loaded at the first JPEG, not at start-up: extracting and loading the library takes a good half second.
        this(properties, decodeThreads, NativeJpeg::shared);
    }

    ImagePipeline(AssetsProperties properties, DecodeThreads decodeThreads,
            Supplier<Optional<NativeJpeg>> nativeJpeg) {
        // Register the TwelveMonkeys readers whatever the class loader that loaded us (executable jar, tests).
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
        this.maxPixels = properties.maxPixels();
        this.decodeThreads = decodeThreads;
        this.nativeJpeg = nativeJpeg;
    }

    /** Checks the image and makes its derivatives, on one of the decode threads; this one waits for it. */
    Processed process(Path file, ImageFormat format, Fit fit, Color padColor) {
        return decodeThreads.run(() -> processHere(file, format, fit, padColor));
    }

    private Processed processHere(Path file, ImageFormat format, Fit fit, Color padColor) {
        JpegHeaders headers = format == ImageFormat.JPEG ? JpegHeaders.read(file) : JpegHeaders.NONE;
        Optional<NativeJpeg> codec = format == ImageFormat.JPEG && !headers.foreignColourProfile()
                ? nativeJpeg.get() : Optional.empty();
        try {
            if (codec.isPresent()) {
                NativeJpeg.Photo photo = codec.get().open(file);
                return process(format, photo.width(), photo.height(), headers.orientation(), fit,
                        (subsampling, orientation) -> photo.derivatives(subsampling, orientation, fit, padColor));
            }
            try (ImageInputStream input = ImageIO.createImageInputStream(file.toFile())) {
                ImageReader reader = readerFor(format, input);
                try {
                    int width;
                    int height;
                    try {
                        width = reader.getWidth(0);
                        height = reader.getHeight(0);
                    } catch (IOException | RuntimeException e) {
                        throw notAnImage(format);
                    }
                    return process(format, width, height, headers.orientation(), fit, (subsampling, orientation) -> {
                        BufferedImage oriented = orient(decode(reader, format, subsampling), orientation);
                        return new Derivative[] {thumbnail(oriented), instagram(oriented, fit, padColor)};
                    });
                } finally {
                    reader.dispose();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Checks the size read from the header before anything is decoded, then derives the copies from the image
     * decoded no larger than they need.
     */
    private Processed process(ImageFormat format, int width, int height, int orientation, Fit fit, Derive derive)
            throws IOException {
        if (width <= 0 || height <= 0) {
            throw notAnImage(format);
        }
        if ((long) width * height > maxPixels) {
            throw new DomainException(HttpStatus.CONTENT_TOO_LARGE,
                    "The image is %d × %d pixels; at most %d megapixels are accepted."
                            .formatted(width, height, maxPixels / 1_000_000));
        }
        boolean quarterTurn = orientation >= 5;
        int displayWidth = quarterTurn ? height : width;
        int displayHeight = quarterTurn ? width : height;
        Derivative[] derivatives = derive.derivatives(subsampling(displayWidth, displayHeight, fit), orientation);
        return new Processed(width, height, orientation, displayWidth, displayHeight, derivatives[0],
                derivatives[1]);
    }

    private static ImageReader readerFor(ImageFormat format, ImageInputStream input) {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format.imageIoName);
        if (!readers.hasNext()) {
            throw new IllegalStateException("No ImageIO reader for " + format);
        }
        ImageReader reader = readers.next();
        reader.setInput(input, true, true);
        return reader;
    }

    private static BufferedImage decode(ImageReader reader, ImageFormat format, int subsampling) {
        ImageReadParam param = reader.getDefaultReadParam();
        if (subsampling > 1) {
            param.setSourceSubsampling(subsampling, subsampling, 0, 0);
        }
        AtomicReference<String> truncated = new AtomicReference<>();
        reader.addIIOReadWarningListener((source, warning) -> {
            // The JPEG decoder fills a cut-off file with grey and only warns: that is a broken upload, not a photo.
            if (warning != null && warning.toLowerCase().contains("premature end")) {
                truncated.set(warning);
            }
        });
        BufferedImage image;
        try {
            image = reader.read(0, param);
        } catch (IOException | RuntimeException e) {
            throw notAnImage(format);
        }
        if (truncated.get() != null) {
            throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "The file is not a complete " + format.name() + " image (it ends too early).");
        }
        return image;
    }

    /** The largest subsampling factor that still leaves at least the pixels the Instagram derivative needs. */
    static int subsampling(int displayWidth, int displayHeight, Fit fit) {
        double aspect = (double) displayWidth / displayHeight;
        double usedWidth = displayWidth;
        if (fit == Fit.CROP && aspect > MAX_ASPECT) {
            usedWidth = displayHeight * MAX_ASPECT;
        }
        if (fit == Fit.PAD && aspect < MIN_ASPECT) {
            // The content is narrower than the canvas: it needs fewer pixels, not more.
            usedWidth = displayWidth;
        }
        int factor = (int) Math.floor(usedWidth / INSTAGRAM_MAX_WIDTH);
        // Keep the thumbnail's longest side whole too.
        int longest = Math.max(displayWidth, displayHeight);
        factor = Math.min(factor, longest / THUMBNAIL_SIZE);
        return Math.max(1, factor);
    }

    /** Applies an EXIF orientation, and brings any colour model to sRGB (with alpha when the source has it). */
    static BufferedImage orient(BufferedImage source, int orientation) {
        int w = source.getWidth();
        int h = source.getHeight();
        boolean quarterTurn = orientation >= 5;
        int targetWidth = quarterTurn ? h : w;
        int targetHeight = quarterTurn ? w : h;
        AffineTransform transform = switch (orientation) {
            case 2 -> new AffineTransform(-1, 0, 0, 1, w, 0);
            case 3 -> new AffineTransform(-1, 0, 0, -1, w, h);
            case 4 -> new AffineTransform(1, 0, 0, -1, 0, h);
            case 5 -> new AffineTransform(0, 1, 1, 0, 0, 0);
            case 6 -> new AffineTransform(0, 1, -1, 0, h, 0);
            case 7 -> new AffineTransform(0, -1, -1, 0, h, w);
            case 8 -> new AffineTransform(0, -1, 1, 0, 0, w);
            default -> new AffineTransform();
        };
        boolean alpha = source.getColorModel().hasAlpha();
        // Opaque pixels stay interleaved bytes, what the JPEG decoder gives and the encoder wants: int pixels cost
        // a conversion of the whole decoded photo (12 MB of garbage for a 12 MP upload) and another one back.
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_3BYTE_BGR;
        if (orientation == 1 && source.getType() == type) {
            return source;
        }
        BufferedImage target = new BufferedImage(targetWidth, targetHeight, type);
        Graphics2D g = target.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
            g.drawImage(source, transform, null);
        } finally {
            g.dispose();
        }
        return target;
    }

    /** The Instagram copy's crop, scale and canvas for an upright image of {@code w} × {@code h}. */
    static Layout instagramLayout(int w, int h, Fit fit) {
        double aspect = (double) w / h;
        int cropX = 0;
        int cropY = 0;
        int cropWidth = w;
        int cropHeight = h;
        int canvasWidth = w;
        int canvasHeight = h;
        if (fit == Fit.CROP) {
            if (aspect < MIN_ASPECT) {
                cropHeight = Math.max(1, (int) Math.floor(w / MIN_ASPECT));
                cropY = (h - cropHeight) / 2;
            } else if (aspect > MAX_ASPECT) {
                cropWidth = Math.max(1, (int) Math.floor(h * MAX_ASPECT));
                cropX = (w - cropWidth) / 2;
            }
            canvasWidth = cropWidth;
            canvasHeight = cropHeight;
        } else if (aspect < MIN_ASPECT) {
            canvasWidth = (int) Math.ceil(h * MIN_ASPECT);
        } else if (aspect > MAX_ASPECT) {
            canvasHeight = (int) Math.ceil(w / MAX_ASPECT);
        }
        int targetWidth = Math.clamp(canvasWidth, INSTAGRAM_MIN_WIDTH, INSTAGRAM_MAX_WIDTH);
        double scale = (double) targetWidth / canvasWidth;
        int targetHeight = (int) Math.round(canvasHeight * scale);
        targetHeight = Math.clamp(targetHeight, (int) Math.ceil(targetWidth / MAX_ASPECT),
                (int) Math.floor(targetWidth / MIN_ASPECT));
        int contentWidth = fit == Fit.CROP ? targetWidth : Math.max(1, (int) Math.round(w * scale));
        int contentHeight = fit == Fit.CROP ? targetHeight : Math.max(1, (int) Math.round(h * scale));
        return new Layout(cropX, cropY, cropWidth, cropHeight, contentWidth, contentHeight, targetWidth, targetHeight);
    }

    /** The thumbnail's size: the longest side 320 px, never enlarged. */
    static Size thumbnailSize(int w, int h) {
        double scale = Math.min(1.0, (double) THUMBNAIL_SIZE / Math.max(w, h));
        return new Size(Math.max(1, (int) Math.round(w * scale)), Math.max(1, (int) Math.round(h * scale)));
    }

    private static Derivative instagram(BufferedImage image, Fit fit, Color padColor) throws IOException {
        Layout layout = instagramLayout(image.getWidth(), image.getHeight(), fit);
        BufferedImage content = image;
        if (layout.cropWidth() != image.getWidth() || layout.cropHeight() != image.getHeight()) {
            content = image.getSubimage(layout.cropX(), layout.cropY(), layout.cropWidth(), layout.cropHeight());
        }
        int targetWidth = layout.targetWidth();
        int targetHeight = layout.targetHeight();
        int contentWidth = layout.contentWidth();
        int contentHeight = layout.contentHeight();
        BufferedImage canvas = scaled(content, contentWidth, contentHeight);
        if (contentWidth != targetWidth || contentHeight != targetHeight || canvas.getType() != JPEG_PIXELS) {
            BufferedImage padded = new BufferedImage(targetWidth, targetHeight, JPEG_PIXELS);
            Graphics2D g = padded.createGraphics();
            try {
                g.setColor(padColor);
                g.fillRect(0, 0, targetWidth, targetHeight);
                g.drawImage(canvas, (targetWidth - contentWidth) / 2, (targetHeight - contentHeight) / 2, null);
            } finally {
                g.dispose();
            }
            canvas = padded;
        }
        int quality = INSTAGRAM_QUALITY;
        byte[] jpeg = jpeg(canvas, quality / 100f);
        while (jpeg.length > INSTAGRAM_MAX_BYTES && quality > LOWEST_QUALITY) {
            quality -= QUALITY_STEP;
            jpeg = jpeg(canvas, quality / 100f);
        }
        return new Derivative(jpeg, ImageFormat.JPEG, targetWidth, targetHeight);
    }

    private static Derivative thumbnail(BufferedImage image) throws IOException {
        Size size = thumbnailSize(image.getWidth(), image.getHeight());
        int targetWidth = size.width();
        int targetHeight = size.height();
        boolean same = targetWidth == image.getWidth() && targetHeight == image.getHeight();
        BufferedImage scaled = same ? image : scaled(image, targetWidth, targetHeight);
        if (image.getColorModel().hasAlpha()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(scaled, "png", out);
            return new Derivative(out.toByteArray(), ImageFormat.PNG, targetWidth, targetHeight);
        }
        return new Derivative(jpeg(scaled, THUMBNAIL_QUALITY / 100f), ImageFormat.JPEG, targetWidth, targetHeight);
    }

    /**
     * A good-quality downscale that keeps the source's pixel layout (interleaved bytes for a photo, int ARGB with
     * transparency), so that neither the scaling nor the JPEG encoder converts pixels one by one.
     */
    private static BufferedImage scaled(BufferedImage image, int width, int height) throws IOException {
        int type = image.getType() == JPEG_PIXELS || image.getType() == BufferedImage.TYPE_INT_ARGB
                ? image.getType() : BufferedImage.TYPE_INT_ARGB;
        return Thumbnails.of(image).forceSize(width, height).imageType(type).asBufferedImage();
    }

    /** A baseline JPEG with a bare JFIF header: no EXIF, no GPS, no ICC profile (so viewers assume sRGB). */
    static byte[] jpeg(BufferedImage image, float quality) throws IOException {
        BufferedImage rgb = image;
        // The JPEG encoder reads interleaved bytes quickly and anything else (int pixels, alpha) pixel by pixel.
        if (image.getType() != JPEG_PIXELS) {
            rgb = new BufferedImage(image.getWidth(), image.getHeight(), JPEG_PIXELS);
            Graphics2D g = rgb.createGraphics();
            try {
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, image.getWidth(), image.getHeight());
                g.drawImage(image, 0, 0, null);
            } finally {
                g.dispose();
            }
        }
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(quality);
            writer.write(null, new IIOImage(rgb, null, null), param);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }

    static DomainException notAnImage(ImageFormat format) {
        return new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "The file looks like " + format.name() + " but does not decode as one; upload a JPEG, PNG or WebP image.");
    }
}
