package io.forkcast.assets;

import io.forkcast.support.ApiClient;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The public media route over a real HTTP connection: a whole file on local disk is handed to the web server to send
 * (no copy through the JVM), ranges and HEAD take the copy; both must answer the same bytes and headers.
 */
class MediaRouteTest extends EmbeddedApiTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private byte[] photo;
    private JsonNode asset;

    @BeforeEach
    void uploadANoisyPhoto() {
        ApiClient api = api();
        String tenant = api.createTenant("Media Route Bistro " + System.nanoTime(), "pro");
        String key = api.createKey(tenant);
        // Noise does not compress: the files are far above the size from which the server sends them itself.
        BufferedImage image = new BufferedImage(1200, 900, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(15);
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                image.setRGB(x, y, random.nextInt());
            }
        }
        photo = TestImages.encode(image, "jpeg");
        ApiClient.Response response = new Uploads(port).upload(tenant, key, "noise.jpg", photo);
        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        asset = response.body();
        assertThat(photo.length).isGreaterThan(256 * 1024);
    }

    @Test
    void aWholeFileIsAnsweredByteForByteWithItsHeaders() throws Exception {
        HttpResponse<byte[]> whole = get(url("original"), null);

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(photo);
        assertThat(whole.headers().firstValueAsLong("Content-Length")).hasValue(photo.length);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(whole.headers().firstValue("Cache-Control")).hasValueSatisfying(
                value -> assertThat(value).contains("public", "immutable"));
        assertThat(whole.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }

    @Test
    void aDerivativeSentWholeEqualsTheSameFileCopiedAsARange() throws Exception {
        String instagram = url("instagram");

        HttpResponse<byte[]> whole = get(instagram, null);
        HttpResponse<byte[]> copied = get(instagram, "bytes=0-");

        assertThat(whole.statusCode()).isEqualTo(200);
        assertThat(copied.statusCode()).isEqualTo(206);
        assertThat(whole.body()).hasSizeGreaterThan(48 * 1024).isEqualTo(copied.body());
        assertThat(TestImages.decode(whole.body()).getWidth()).isPositive();
    }

    @Test
    void rangesAndHeadStillAnswerFromTheCopy() throws Exception {
        String original = url("original");

        HttpResponse<byte[]> range = get(original, "bytes=100-1123");
        HttpResponse<byte[]> head = HTTP.send(HttpRequest.newBuilder(URI.create(original))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 100-1123/" + photo.length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(photo, 100, 1124));
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(photo.length);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aTamperedLinkIsRefusedBeforeAnyFileIsSent() throws Exception {
        String tampered = url("original").replaceFirst("signature=[^&]+", "signature=AAAA");

        HttpResponse<byte[]> response = get(tampered, null);

        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(new String(response.body())).doesNotContain("JFIF").contains("not valid");
    }

    private String url(String variant) {
        return asset.get("urls").get(variant).asString();
    }

    private static HttpResponse<byte[]> get(String url, String range) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
        if (range != null) {
            request.header("Range", range);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
