package io.forkcast.sandbox.meta;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;

/**
 * What Meta does with an {@code image_url}: downloads it and checks it. Instagram wants a JPEG of at most 8 MB,
 * 320 to 1440 pixels wide, between 4:5 and 1.91:1; a Page photo any image Facebook can read. Failures answer with
 * Meta's codes: 9004/2207052 (could not be fetched), -2/2207003 (download too slow), 36000/2207004 (too large),
 * 36001/2207005 (format), 36003/2207009 (aspect ratio, and here also the width); 324 for a Page photo. Only the
 * image header is decoded: format and dimensions are all that is checked. When the server declares the length,
 * only the first 256 KB are read (the size checked against the declared length); otherwise the whole body.
 */
@Component
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class SandboxMediaCheck {

    static final long INSTAGRAM_MAX_BYTES = 8L * 1024 * 1024;
    static final long FACEBOOK_MAX_BYTES = 10L * 1024 * 1024;
    static final int MIN_WIDTH = 320;
    static final int MAX_WIDTH = 1440;
    /** 4:5 and 1.91:1, as width / height. */
    static final double MIN_RATIO = 4.0 / 5.0;
    static final double MAX_RATIO = 1.91;

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Enough of a JPEG for its frame header behind the largest EXIF segment (64 KB) and an ICC profile. */
    private static final long HEADER_BYTES = 256 * 1024;

    private record Image(String format, int width, int height) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    /** Downloads and checks an Instagram container's image; throws Meta's error when Instagram would refuse it. */
    void checkInstagram(String url) {
        byte[] bytes;
        try {
            bytes = download(url, INSTAGRAM_MAX_BYTES);
        } catch (HttpTimeoutException e) {
            throw SandboxGraphException.of(-2, 2207003, "It takes too long to download the media.");
        } catch (TooLarge e) {
            throw SandboxGraphException.of(36000, 2207004, "The image size is too large.");
        } catch (IOException | IllegalArgumentException e) {
            throw notFetched();
        }
        Image image = read(bytes);
        if (image == null || !image.format().equals("jpeg")) {
            throw SandboxGraphException.of(36001, 2207005, "The image format is not supported.");
        }
        double ratio = (double) image.width() / image.height();
        if (ratio < MIN_RATIO - 0.001 || ratio > MAX_RATIO + 0.001) {
            throw SandboxGraphException.of(36003, 2207009, String.format(Locale.ROOT, "The submitted image with aspect "
                    + "ratio ('%d/%d') cannot be published. Please submit an image with a valid aspect ratio.",
                    image.width(), image.height()));
        }
        if (image.width() < MIN_WIDTH || image.width() > MAX_WIDTH) {
            throw SandboxGraphException.of(36003, 2207009, "The submitted image with width " + image.width()
                    + " cannot be published. Please submit an image " + MIN_WIDTH + " to " + MAX_WIDTH
                    + " pixels wide.");
        }
    }

    /** Downloads and checks a Page photo's image: reachable, an image, at most 10 MB. */
    void checkFacebook(String url) {
        byte[] bytes;
        try {
            bytes = download(url, FACEBOOK_MAX_BYTES);
        } catch (IOException | IllegalArgumentException | TooLarge e) {
            throw SandboxGraphException.of(324, null, "(#324) Missing or invalid image file");
        }
        if (read(bytes) == null) {
            throw SandboxGraphException.of(324, null, "(#324) Missing or invalid image file");
        }
    }

    /** A video's size and media type, from the first bytes Meta's fetcher asks for. */
    record VideoHead(long size, String mediaType, boolean isoMedia) {
    }

    /**
     * What Meta does first with a {@code video_url}: asks for its first bytes only ({@code Range}), as a video
     * fetcher does, to learn its size and type; the rest is fetched while the container processes. Unreachable:
     * refused now (9004/2207052); not an ISO media file (MP4 or MOV) or too large for the format: the container
     * ends in ERROR while processing, with the reason's subcode.
     */
    VideoHead fetchVideoHead(String url) {
        if (url == null) {
            throw SandboxGraphException.of(100, null, "(#100) The parameter video_url is required");
        }
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw notFetched();
            }
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Range", "bytes=0-65535").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            long size;
            if (response.statusCode() == 206) {
                String range = response.headers().firstValue("Content-Range").orElse("");
                size = Long.parseLong(range.substring(range.lastIndexOf('/') + 1));
            } else if (response.statusCode() == 200) {
                size = response.headers().firstValueAsLong("Content-Length").orElse(response.body().length);
            } else {
                throw notFetched();
            }
            byte[] head = response.body();
            boolean iso = head.length >= 8 && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p';
            return new VideoHead(size, response.headers().firstValue("Content-Type").orElse(""), iso);
        } catch (HttpTimeoutException e) {
            throw SandboxGraphException.of(-2, 2207003, "It takes too long to download the media.");
        } catch (IOException | RuntimeException e) {
            if (e instanceof SandboxGraphException graph) {
                throw graph;
            }
            throw notFetched();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw notFetched();
        }
    }

    private static SandboxGraphException notFetched() {
        return SandboxGraphException.of(9004, 2207052, "Media download has failed. The media URI doesn't meet our "
                + "requirements.");
    }

    private byte[] download(String url, long max) throws IOException, TooLarge {
        if (url == null) {
            throw new IOException("no address");
        }
        URI uri = URI.create(url);
        if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new IOException("not a web address");
        }
        HttpResponse<InputStream> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
            if (declared > max) {
                throw new TooLarge();
            }
            if (declared >= 0) {
                // The size is known: the header, where format and dimensions are, is all that is read.
                return body.readNBytes((int) Math.min(declared, HEADER_BYTES));
            }
            byte[] bytes = body.readNBytes((int) max + 1);
            if (bytes.length > max) {
                throw new TooLarge();
            }
            return bytes;
        }
    }

    /** The format and size from the image's header, or {@code null} when no reader knows it. */
    private static Image read(byte[] bytes) {
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new Image(reader.getFormatName().toLowerCase(Locale.ROOT), reader.getWidth(0),
                        reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static final class TooLarge extends Exception {
        TooLarge() {
            super(null, null, false, false);
        }
    }
}
