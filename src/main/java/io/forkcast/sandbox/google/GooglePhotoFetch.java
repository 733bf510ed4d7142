package io.forkcast.sandbox.google;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What Google does with a local post's photo {@code sourceUrl}: fetches it and checks it. Business Profile photos
 * are JPG or PNG, 10 KB to 5 MB, at least 250 x 250 pixels. Returns the problem as Google's field description, or
 * empty when the photo is fine.
 */
@Component
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class GooglePhotoFetch {

    static final long MIN_BYTES = 10 * 1024;
    static final long MAX_BYTES = 5L * 1024 * 1024;
    static final int MIN_SIDE = 250;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();

    Optional<String> problem(String url) {
        byte[] bytes;
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200) {
                return Optional.of("Unable to fetch media from the URL (HTTP " + response.statusCode() + ").");
            }
            bytes = response.body();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of("Unable to fetch media from the URL.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("Unable to fetch media from the URL.");
        }
        if (bytes.length < MIN_BYTES || bytes.length > MAX_BYTES) {
            return Optional.of("Photo size must be between 10 KB and 5 MB; this one is " + bytes.length + " bytes.");
        }
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                return Optional.of("Unsupported media format: photos must be JPG or PNG.");
            }
            ImageReader reader = readers.next();
            try {
                String format = reader.getFormatName().toLowerCase(Locale.ROOT);
                if (!Set.of("jpeg", "jpg", "png").contains(format)) {
                    return Optional.of("Unsupported media format: photos must be JPG or PNG.");
                }
                reader.setInput(in);
                if (reader.getWidth(0) < MIN_SIDE || reader.getHeight(0) < MIN_SIDE) {
                    return Optional.of("Photo must be at least 250 x 250 pixels; this one is " + reader.getWidth(0)
                            + " x " + reader.getHeight(0) + ".");
                }
            } finally {
                reader.dispose();
            }
        } catch (IOException e) {
            return Optional.of("Unsupported media format: photos must be JPG or PNG.");
        }
        return Optional.empty();
    }
}
