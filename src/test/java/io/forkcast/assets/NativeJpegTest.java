package io.forkcast.assets;

import io.forkcast.shared.DomainException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.util.unit.DataSize;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * JPEG photos through libjpeg-turbo give the derivatives ImageIO gives (the reference the other image tests check):
 * the same sizes, the same picture the same way up, the same crop and padding.
 */
class NativeJpegTest {

    private static final AssetsProperties PROPERTIES = new AssetsProperties(AssetsProperties.Storage.LOCAL,
            Path.of("media"), DataSize.ofMegabytes(25), DataSize.ofMegabytes(500), true, 50_000_000, 2,
            Duration.ofHours(1), null, false,
            Path.of("key"), null, false, Duration.ofSeconds(30));
    private static final DecodeThreads DECODE_THREADS = new DecodeThreads(PROPERTIES);
    private static final Color[] QUADRANTS = {Color.RED, Color.GREEN, Color.BLUE, Color.YELLOW};

    private static ImagePipeline nativePipeline;
    private static ImagePipeline imageIoPipeline;

    @TempDir
    Path directory;

    @BeforeAll
    static void pipelines() {
        Optional<NativeJpeg> codec = NativeJpeg.load();
        String os = System.getProperty("os.name");
        String arch = System.getProperty("os.arch");
        // The natives are bundled for Linux on x86-64 only; elsewhere the pipeline keeps to ImageIO by design.
        if (os.equals("Linux") && (arch.equals("amd64") || arch.equals("x86_64"))) {
            assertThat(codec).as("the bundled native JPEG codec loads on Linux x86-64").isPresent();
        }
        assumeThat(codec).isPresent();
        nativePipeline = new ImagePipeline(PROPERTIES, DECODE_THREADS, () -> codec);
        imageIoPipeline = new ImagePipeline(PROPERTIES, DECODE_THREADS, Optional::empty);
    }

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({"1", "2", "3", "4", "5", "6", "7", "8"})
    void everyOrientationComesOutAsImageIoTurnsIt(int orientation) throws IOException {
        Path photo = write(withExif(quadrants(1600, 1200), orientation));

        ImagePipeline.Processed expected = imageIoPipeline.process(photo, ImageFormat.JPEG, ImagePipeline.Fit.CROP, Color.WHITE);
        ImagePipeline.Processed actual = nativePipeline.process(photo, ImageFormat.JPEG, ImagePipeline.Fit.CROP, Color.WHITE);

        assertThat(actual.orientation()).isEqualTo(orientation);
        assertSamePicture(actual.instagram(), expected.instagram());
        assertSamePicture(actual.thumbnail(), expected.thumbnail());
    }

    @ParameterizedTest(name = "orientation {0}, {1}")
    @CsvSource({
            "1, crop", "2, crop", "3, crop", "4, crop", "5, crop", "6, crop", "7, crop", "8, crop",
            "1, pad", "2, pad", "3, pad", "4, pad", "5, pad", "6, pad", "7, pad", "8, pad"})
    void aPhotoHeldUprightIsCroppedOrPaddedAsImageIoDoesWhateverWayItIsStored(int orientation, String fit)
            throws IOException {
        // Upright it is 1200 × 1600 (3:4, taller than Instagram's 4:5); a quarter turn stores it on its side.
        boolean quarterTurn = orientation >= 5;
        Path photo = write(withExif(quarterTurn ? quadrants(1600, 1200) : quadrants(1200, 1600), orientation));
        ImagePipeline.Fit how = ImagePipeline.Fit.valueOf(fit.toUpperCase());
        Color pad = new Color(0x00, 0xC0, 0x40);

        ImagePipeline.Processed expected = imageIoPipeline.process(photo, ImageFormat.JPEG, how, pad);
        ImagePipeline.Processed actual = nativePipeline.process(photo, ImageFormat.JPEG, how, pad);

        assertThat(actual.displayWidth()).isEqualTo(1200);
        assertThat(actual.displayHeight()).isEqualTo(1600);
        assertSamePicture(actual.instagram(), expected.instagram());
        assertSamePicture(actual.thumbnail(), expected.thumbnail());
    }

    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({"1", "2", "3", "4", "5", "6", "7", "8"})
    void aRectangleOfTheUprightPhotoIsFoundWhereTheStoredPhotoHoldsIt(int orientation) {
        BufferedImage stored = new BufferedImage(40, 30, BufferedImage.TYPE_3BYTE_BGR);
        for (int x = 0; x < 40; x++) {
            for (int y = 0; y < 30; y++) {
                stored.setRGB(x, y, x << 16 | y << 8);
            }
        }
        BufferedImage upright = ImagePipeline.orient(stored, orientation);

        Rectangle found = NativeJpeg.storedRectangle(orientation, 40, 30, 1, 2, 5, 7);
        BufferedImage piece = ImagePipeline.orient(
                stored.getSubimage(found.x, found.y, found.width, found.height), orientation);

        assertThat(piece.getWidth()).isEqualTo(5);
        assertThat(piece.getHeight()).isEqualTo(7);
        for (int x = 0; x < 5; x++) {
            for (int y = 0; y < 7; y++) {
                assertThat(piece.getRGB(x, y)).as("(%d, %d)", x, y).isEqualTo(upright.getRGB(1 + x, 2 + y));
            }
        }
    }

    @ParameterizedTest(name = "{0} × {1}, {2}")
    @CsvSource({
            "4032, 3024, crop", "3024, 4032, crop", "3000, 750, crop", "3000, 750, pad", "600, 1800, pad",
            "600, 1800, crop", "200, 150, crop", "1440, 1080, pad"})
    void sizesCropAndPaddingAreImageIos(int width, int height, String fit) throws IOException {
        Path photo = write(quadrants(width, height));
        ImagePipeline.Fit how = ImagePipeline.Fit.valueOf(fit.toUpperCase());
        Color pad = new Color(0x00, 0xC0, 0x40);

        ImagePipeline.Processed expected = imageIoPipeline.process(photo, ImageFormat.JPEG, how, pad);
        ImagePipeline.Processed actual = nativePipeline.process(photo, ImageFormat.JPEG, how, pad);

        assertSamePicture(actual.instagram(), expected.instagram());
        assertSamePicture(actual.thumbnail(), expected.thumbnail());
        BufferedImage instagram = decode(actual.instagram());
        if (how == ImagePipeline.Fit.PAD && (double) width / height > ImagePipeline.MAX_ASPECT) {
            assertThat(TestImages.near(instagram.getRGB(instagram.getWidth() / 2, 1), pad)).isTrue();
        }
        if (how == ImagePipeline.Fit.PAD && (double) width / height < ImagePipeline.MIN_ASPECT) {
            assertThat(TestImages.near(instagram.getRGB(1, instagram.getHeight() / 2), pad)).isTrue();
        }
        // A bare JFIF file: nothing of the original's metadata.
        assertThat(new String(actual.instagram().bytes(), 0, 12, StandardCharsets.ISO_8859_1)).contains("JFIF");
    }

    @Test
    void greyscalePhotoBecomesAnRgbJpeg() throws IOException {
        BufferedImage grey = new BufferedImage(800, 600, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = grey.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 400, 600);
        g.dispose();
        Path photo = write(TestImages.encode(grey, "jpeg"));

        ImagePipeline.Processed processed = nativePipeline.process(photo, ImageFormat.JPEG, ImagePipeline.Fit.CROP, Color.WHITE);

        BufferedImage instagram = decode(processed.instagram());
        assertThat(instagram.getWidth()).isEqualTo(800);
        assertThat(instagram.getColorModel().getNumColorComponents()).isEqualTo(3);
        assertThat(TestImages.near(instagram.getRGB(10, 300), Color.WHITE)).isTrue();
        assertThat(TestImages.near(instagram.getRGB(790, 300), Color.BLACK)).isTrue();
    }

    @Test
    void truncatedPhotoIsRefusedAsIncomplete() throws IOException {
        byte[] photo = TestImages.jpeg(1600, 1200, 3);
        Path cut = write(Arrays.copyOf(photo, photo.length / 2));

        assertThatThrownBy(() -> nativePipeline.process(cut, ImageFormat.JPEG, ImagePipeline.Fit.CROP, Color.WHITE))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.getMessage()).contains("not a complete JPEG"));
    }

    @Test
    void endOfImageIsLookedForAfterTheScanNotInAnExifThumbnail() {
        byte[] photo = TestImages.jpegWithExif(64, 48, 1, 4);
        assertThat(NativeJpeg.endsItsImage(ByteBuffer.wrap(photo))).isTrue();

        // The last two bytes (the end marker) gone, but an end marker planted in the EXIF block before the scan.
        byte[] cut = Arrays.copyOf(photo, photo.length - 2);
        int exif = new String(cut, StandardCharsets.ISO_8859_1).indexOf("ForkcastPhone");
        cut[exif] = (byte) 0xFF;
        cut[exif + 1] = (byte) 0xD9;
        assertThat(NativeJpeg.endsItsImage(ByteBuffer.wrap(cut))).isFalse();
    }

    @Test
    void photoWithAColourProfileOtherThanSrgbIsLeftToImageIo() throws IOException {
        byte[] photo = TestImages.jpeg(64, 48, 5);

        assertThat(JpegHeaders.read(write(photo)).foreignColourProfile()).isFalse();
        assertThat(JpegHeaders.read(write(withProfile(photo, ColorSpace.CS_sRGB))).foreignColourProfile()).isFalse();
        assertThat(JpegHeaders.read(write(withProfile(photo, ColorSpace.CS_LINEAR_RGB))).foreignColourProfile()).isTrue();
    }

    @Test
    void dctScaleIsTheLargestTheDecoderDoesWithinTheSubsampling() {
        assertThat(NativeJpeg.dctScale(1)).isEqualTo(1);
        assertThat(NativeJpeg.dctScale(2)).isEqualTo(2);
        assertThat(NativeJpeg.dctScale(3)).isEqualTo(2);
        assertThat(NativeJpeg.dctScale(7)).isEqualTo(4);
        assertThat(NativeJpeg.dctScale(12)).isEqualTo(8);
    }

    private static void assertSamePicture(ImagePipeline.Derivative actual, ImagePipeline.Derivative expected) {
        assertThat(actual.format()).isEqualTo(expected.format());
        assertThat(actual.width()).isEqualTo(expected.width());
        assertThat(actual.height()).isEqualTo(expected.height());
        BufferedImage a = decode(actual);
        BufferedImage e = decode(expected);
        assertThat(a.getWidth()).isEqualTo(actual.width());
        assertThat(a.getHeight()).isEqualTo(actual.height());
        // The centre of each quadrant of the result, and points near the edges, show the same colour.
        int[] xs = {a.getWidth() / 4, a.getWidth() * 3 / 4, 3, a.getWidth() - 4};
        int[] ys = {a.getHeight() / 4, a.getHeight() * 3 / 4, 3, a.getHeight() - 4};
        for (int x : xs) {
            for (int y : ys) {
                assertThat(TestImages.near(a.getRGB(x, y), new Color(e.getRGB(x, y))))
                        .as("pixel (%d, %d): %s against %s", x, y, new Color(a.getRGB(x, y)), new Color(e.getRGB(x, y)))
                        .isTrue();
            }
        }
        // Equivalent sizes: within a third of what ImageIO encodes at the same quality.
        assertThat((double) actual.bytes().length).isBetween(expected.bytes().length * 0.67, expected.bytes().length * 1.5);
    }

    private static BufferedImage decode(ImagePipeline.Derivative derivative) {
        return TestImages.decode(derivative.bytes());
    }

    /** Red, green, blue and yellow quadrants, so that every turn and mirror shows. */
    private static byte[] quadrants(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 4; i++) {
            g.setColor(QUADRANTS[i]);
            g.fillRect(i % 2 * width / 2, i / 2 * height / 2, width - width / 2, height - height / 2);
        }
        g.dispose();
        return TestImages.encode(image, "jpeg");
    }

    private static byte[] withExif(byte[] jpeg, int orientation) throws IOException {
        // The helper's own photo carries the EXIF block; put our pixels behind it.
        byte[] phone = TestImages.jpegWithExif(8, 8, orientation, 1);
        int app1Length = (phone[4] & 0xFF) << 8 | phone[5] & 0xFF;
        return splice(jpeg, Arrays.copyOfRange(phone, 2, 4 + app1Length));
    }

    private static byte[] withProfile(byte[] jpeg, int colourSpace) {
        byte[] profile = ICC_Profile.getInstance(colourSpace).getData();
        byte[] header = "ICC_PROFILE\0".getBytes(StandardCharsets.ISO_8859_1);
        int length = 2 + header.length + 2 + profile.length;
        ByteBuffer segment = ByteBuffer.allocate(2 + length);
        segment.put((byte) 0xFF).put((byte) 0xE2).putShort((short) length).put(header).put((byte) 1).put((byte) 1)
                .put(profile);
        return splice(jpeg, segment.array());
    }

    /** The JPEG with a segment inserted right after its start-of-image marker. */
    private static byte[] splice(byte[] jpeg, byte[] segment) {
        ByteBuffer result = ByteBuffer.allocate(jpeg.length + segment.length);
        result.put(jpeg, 0, 2).put(segment).put(jpeg, 2, jpeg.length - 2);
        return result.array();
    }

    private Path write(byte[] bytes) throws IOException {
        Path file = Files.createTempFile(directory, "photo-", ".jpg");
        Files.write(file, bytes);
        return file;
    }

    static {
        ImageIO.scanForPlugins();
    }
}
