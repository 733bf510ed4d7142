package io.forkcast.assets;

import com.twelvemonkeys.imageio.metadata.Entry;
import com.twelvemonkeys.imageio.metadata.tiff.IFD;
import com.twelvemonkeys.imageio.metadata.tiff.Rational;
import com.twelvemonkeys.imageio.metadata.tiff.TIFF;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFEntry;
import com.twelvemonkeys.imageio.metadata.tiff.TIFFWriter;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/** Test images made in code: phone photos with EXIF orientation and GPS, logos with transparency, broken files. */
public final class TestImages {

    private TestImages() {
    }

    /** A JPEG whose left half is red and right half blue, with a little noise so each one is unique. */
    public static byte[] jpeg(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        Random random = new Random(seed);
        for (int i = 0; i < 20; i++) {
            image.setRGB(random.nextInt(width), random.nextInt(height), random.nextInt());
        }
        return encode(image, "jpeg");
    }

    static byte[] encode(BufferedImage image, String format) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("No writer for " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A PNG logo: a green square on a transparent background. */
    static byte[] transparentPng(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.GREEN);
        g.fillRect(width / 4, height / 4, width / 2, height / 2);
        g.dispose();
        return encode(image, "png");
    }

    /**
     * A JPEG as a phone writes it: an EXIF APP1 segment right after SOI with an orientation and GPS coordinates
     * (latitude 48°51'29" N, longitude 2°17'40" E).
     */
    static byte[] jpegWithExif(int width, int height, int orientation, long seed) {
        byte[] jpeg = jpeg(width, height, seed);
        try {
            IFD gps = new IFD(List.<Entry>of(
                    new TIFFEntry(1, TIFF.TYPE_ASCII, "N"),
                    new TIFFEntry(2, new Rational[] {new Rational(48), new Rational(51), new Rational(29)}),
                    new TIFFEntry(3, TIFF.TYPE_ASCII, "E"),
                    new TIFFEntry(4, new Rational[] {new Rational(2), new Rational(17), new Rational(40)})));
            List<Entry> ifd0 = List.of(
                    new TIFFEntry(TIFF.TAG_MAKE, TIFF.TYPE_ASCII, "ForkcastPhone"),
                    new TIFFEntry(TIFF.TAG_ORIENTATION, TIFF.TYPE_SHORT, (short) orientation),
                    new TIFFEntry(TIFF.TAG_GPS_IFD, TIFF.TYPE_IFD, gps));
            ByteArrayOutputStream tiff = new ByteArrayOutputStream();
            try (ImageOutputStream out = new MemoryCacheImageOutputStream(tiff)) {
                new TIFFWriter().write(ifd0, out);
            }
            byte[] payload = tiff.toByteArray();
            byte[] header = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);
            int length = 2 + header.length + payload.length;
            ByteBuffer result = ByteBuffer.allocate(jpeg.length + 2 + length);
            result.put(jpeg, 0, 2); // SOI
            result.put((byte) 0xFF).put((byte) 0xE1).putShort((short) length).put(header).put(payload);
            result.put(jpeg, 2, jpeg.length - 2);
            return result.array();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A complete, valid PNG header that claims width × height, with one tiny compressed row: a decompression bomb. */
    static byte[] pngClaiming(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height)
                .put((byte) 8).put((byte) 0).put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(out, "IHDR", ihdr.array());
        Deflater deflater = new Deflater(9);
        deflater.setInput(new byte[width + 1]);
        deflater.finish();
        byte[] compressed = new byte[4096];
        int length = deflater.deflate(compressed);
        chunk(out, "IDAT", java.util.Arrays.copyOf(compressed, length));
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        out.writeBytes(typeBytes);
        out.writeBytes(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    /** The start of a Linux executable. */
    static byte[] executable() {
        byte[] bytes = new byte[4096];
        new Random(7).nextBytes(bytes);
        bytes[0] = 0x7F;
        bytes[1] = 'E';
        bytes[2] = 'L';
        bytes[3] = 'F';
        return bytes;
    }

    static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a colour is close to another (JPEG is lossy). */
    static boolean near(int rgb, Color expected) {
        Color actual = new Color(rgb);
        return Math.abs(actual.getRed() - expected.getRed()) < 40
                && Math.abs(actual.getGreen() - expected.getGreen()) < 40
                && Math.abs(actual.getBlue() - expected.getBlue()) < 40;
    }
}
