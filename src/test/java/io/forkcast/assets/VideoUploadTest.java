package io.forkcast.assets;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.support.TestVideos;
import org.bytedeco.ffmpeg.global.avcodec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Uploading videos made in the test by FFmpeg, over HTTP: probing, the poster frame, ranges, the cover, and each
 * file that can never be published (cut off, lying about its type, encoded for no network).
 */
class VideoUploadTest extends EmbeddedApiTest {

    private ApiClient api;
    private Uploads uploads;
    private String tenant;
    private String key;

    @BeforeEach
    void tenant() {
        api = api();
        uploads = new Uploads(port);
        tenant = api.createTenant("Video Diner " + System.nanoTime(), "enterprise");
        key = api.createKey(tenant);
    }

    @Test
    void phoneVideoIsProbedAndGetsAPosterFrameAndIsServedByRange() throws Exception {
        byte[] video = TestVideos.of().size(360, 640).seconds(4).bytes();

        Response response = uploads.upload(tenant, key, "oven.mp4", video);

        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        assertThat(response.text("kind")).isEqualTo("video");
        assertThat(response.text("content_type")).isEqualTo("video/mp4");
        assertThat(response.body().get("size").asLong()).isEqualTo(video.length);
        var facts = response.body().get("video");
        assertThat(facts.get("duration_ms").asLong()).isBetween(3900L, 4100L);
        assertThat(facts.get("width").asInt()).isEqualTo(360);
        assertThat(facts.get("height").asInt()).isEqualTo(640);
        assertThat(facts.get("rotation").asInt()).isZero();
        assertThat(facts.get("frame_rate").asDouble()).isEqualTo(30.0);
        assertThat(facts.get("video_codec").asString()).isEqualTo("h264");
        assertThat(facts.get("audio_codec").asString()).isEqualTo("aac");
        assertThat(facts.get("bitrate").asLong()).isPositive();
        assertThat(facts.get("poster_offset_ms").asLong()).isEqualTo(1000);

        // The poster is the frame at one second: green on the left, black on the right, upright.
        HttpResponse<byte[]> poster = Uploads.fetch(response.body().get("urls").get("poster").asString());
        assertThat(poster.statusCode()).isEqualTo(200);
        assertThat(poster.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage frame = TestImages.decode(poster.body());
        assertThat(frame.getWidth()).isEqualTo(360);
        assertThat(frame.getHeight()).isEqualTo(640);
        assertThat(TestImages.near(frame.getRGB(60, 320), TestVideos.colourAt(1))).isTrue();
        assertThat(TestImages.near(frame.getRGB(300, 320), Color.BLACK)).isTrue();
        BufferedImage thumbnail = TestImages.decode(Uploads.fetch(response.body().get("urls").get("thumbnail")
                .asString()).body());
        assertThat(thumbnail.getHeight()).isEqualTo(320);

        // The original byte for byte, and a range of it as a player (or Meta's fetcher) asks for one.
        String originalUrl = response.body().get("urls").get("original").asString();
        HttpResponse<byte[]> whole = Uploads.fetch(originalUrl);
        assertThat(whole.headers().firstValue("Content-Type")).hasValue("video/mp4");
        assertThat(whole.headers().firstValue("Accept-Ranges")).hasValue("bytes");
        assertThat(whole.body()).isEqualTo(video);
        HttpResponse<byte[]> range = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(originalUrl))
                .header("Range", "bytes=100-1123").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(range.statusCode()).isEqualTo(206);
        assertThat(range.headers().firstValue("Content-Range")).hasValue("bytes 100-1123/" + video.length);
        assertThat(range.body()).isEqualTo(Arrays.copyOfRange(video, 100, 1124));

        // Listed as a video, not as a photo.
        assertThat(api.get("/api/v1/tenants/" + tenant + "/assets?type=video", key).body().get("items")).hasSize(1);
        assertThat(api.get("/api/v1/tenants/" + tenant + "/assets?type=photo", key).body().get("items")).isEmpty();
    }

    @Test
    void rotatedPhoneVideoIsDescribedAndPostedUpright() {
        // Stored landscape 640×360 with a quarter turn clockwise, as phones record portrait video.
        byte[] video = TestVideos.of().size(640, 360).displayRotation(-90).mov().bytes();

        Response response = uploads.upload(tenant, key, "IMG_0042.MOV", video);

        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        assertThat(response.text("content_type")).isEqualTo("video/quicktime");
        assertThat(response.body().get("video").get("rotation").asInt()).isEqualTo(90);
        assertThat(response.body().get("video").get("width").asInt()).isEqualTo(360);
        assertThat(response.body().get("video").get("height").asInt()).isEqualTo(640);
        BufferedImage frame = TestImages.decode(Uploads.fetch(response.body().get("urls").get("poster").asString())
                .body());
        assertThat(frame.getWidth()).isEqualTo(360);
        assertThat(frame.getHeight()).isEqualTo(640);
        // The stored left half (coloured) is on top once turned a quarter clockwise.
        assertThat(TestImages.near(frame.getRGB(180, 100), TestVideos.colourAt(1))).isTrue();
        assertThat(TestImages.near(frame.getRGB(180, 540), Color.BLACK)).isTrue();
    }

    @Test
    void videoCutOffInItsMediaDataIsRefusedNamingWhereItStops() {
        byte[] video = TestVideos.of().seconds(4).bytes();
        byte[] cut = Arrays.copyOf(video, video.length / 2);

        Response response = uploads.upload(tenant, key, "cut.mp4", cut);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.text("detail")).contains("cut off", "of the 4.0 s it declares");
        assertThat(api.get("/api/v1/tenants/" + tenant + "/assets", key).body().get("items")).isEmpty();
    }

    @Test
    void videoCutOffBeforeItsIndexIsRefused() {
        byte[] video = TestVideos.of().indexAtEnd().bytes();
        byte[] cut = Arrays.copyOf(video, video.length - 200);

        Response response = uploads.upload(tenant, key, "camera.mp4", cut);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.text("detail")).contains("an MP4 video but cannot be read as one", "cut off");
        assertThat(api.get("/api/v1/tenants/" + tenant + "/assets", key).body().get("items")).isEmpty();
    }

    @Test
    void filesLyingAboutTheirTypeAreRefusedNamingIt() {
        Response photoNamedVideo = uploads.upload(tenant, key, "dinner.mp4", TestImages.jpeg(400, 300, 1));
        assertThat(photoNamedVideo.status()).isEqualTo(415);
        assertThat(photoNamedVideo.text("detail")).contains("named like a video (.mp4)", "JPEG image");

        Response textNamedVideo = uploads.upload(tenant, key, "menu.mov",
                "not a video at all".getBytes(StandardCharsets.UTF_8));
        assertThat(textNamedVideo.status()).isEqualTo(415);
        assertThat(textNamedVideo.text("detail")).contains("named like a video", "neither MP4 nor MOV");

        // An MP4 header on top of bytes that are no video.
        byte[] header = Arrays.copyOf(TestVideos.of().bytes(), 32);
        byte[] fake = new byte[64 * 1024];
        System.arraycopy(header, 0, fake, 0, header.length);
        Response fakeVideo = uploads.upload(tenant, key, "fake.mp4", fake);
        assertThat(fakeVideo.status()).isEqualTo(422);
        assertThat(fakeVideo.text("detail")).contains("cannot be read as one");

        assertThat(api.get("/api/v1/tenants/" + tenant + "/assets", key).body().get("items")).isEmpty();
    }

    /**
     * A multipart part's declared type is a label (a phone may send a video as {@code image/*}; this helper declares
     * every part {@code image/jpeg}): over the 25 MB limit for images, a video is still held to the limit for videos.
     */
    @Test
    void videoPartDeclaredAsAnImageAndLargerThanTheImageLimitIsStoredAsTheVideoItIs() {
        byte[] video = TestVideos.of().seconds(2).bytes();
        byte[] large = Arrays.copyOf(video, 30 * 1024 * 1024);
        // A "free" box fills the rest: readers of MP4 skip it, so the file stays a valid video of 30 MB.
        ByteBuffer.wrap(large, video.length, 8).putInt(large.length - video.length)
                .put("free".getBytes(StandardCharsets.US_ASCII));

        Response response = uploads.upload(tenant, key, "long-dinner.mp4", large);

        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        assertThat(response.text("content_type")).isEqualTo("video/mp4");
        assertThat(response.body().get("size").asLong()).isEqualTo(large.length);
    }

    @Test
    void videoNoNetworkTakesIsRefusedNamingTheRuleAndTheValue() {
        byte[] mpeg4 = TestVideos.of().codec(avcodec.AV_CODEC_ID_MPEG4).bytes();

        Response response = uploads.upload(tenant, key, "old-camera.mp4", mpeg4);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.text("detail")).isEqualTo("No network takes this video. Facebook feed post takes video "
                + "encoded as H.264 or HEVC (H.265); this one is mpeg4.");
    }

    /**
     * The bundled FFmpeg decodes HEVC but has no software HEVC encoder, so this file was made once with x265 (the
     * command is in {@code src/test/resources/fixtures/README.md}): 3 s of 3840 x 2160 HEVC with AAC sound, the left
     * half red, then green, then blue for each second, the right half black.
     */
    @Test
    void fourKHevcVideoIsProbedAndGetsItsPosterFrame() throws Exception {
        byte[] video;
        try (var in = getClass().getResourceAsStream("/fixtures/4k-hevc-3s.mp4")) {
            video = in.readAllBytes();
        }

        Response response = uploads.upload(tenant, key, "4k.mp4", video);

        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        var facts = response.body().get("video");
        assertThat(facts.get("video_codec").asString()).isEqualTo("hevc");
        assertThat(facts.get("audio_codec").asString()).isEqualTo("aac");
        assertThat(facts.get("width").asInt()).isEqualTo(3840);
        assertThat(facts.get("height").asInt()).isEqualTo(2160);
        assertThat(facts.get("duration_ms").asLong()).isBetween(2900L, 3100L);
        assertThat(facts.get("frame_rate").asDouble()).isEqualTo(25.0);

        HttpResponse<byte[]> poster = Uploads.fetch(response.body().get("urls").get("poster").asString());
        assertThat(poster.statusCode()).isEqualTo(200);
        BufferedImage frame = TestImages.decode(poster.body());
        assertThat((double) frame.getWidth() / frame.getHeight()).isCloseTo(16.0 / 9, within(0.01));
        int middle = frame.getHeight() / 2;
        assertThat(TestImages.near(frame.getRGB(frame.getWidth() / 4, middle), Color.GREEN)).isTrue();
        assertThat(TestImages.near(frame.getRGB(frame.getWidth() * 3 / 4, middle), Color.BLACK)).isTrue();
    }

    @Test
    void aNewCoverFrameIsANewPosterUrl_cachedForLong_andTheOldUrlNoLongerAnswers() {
        Response uploaded = uploads.upload(tenant, key, "oven.mp4", TestVideos.of().seconds(4).bytes());
        String video = uploaded.text("id");
        String before = uploaded.body().get("urls").get("poster").asString();
        String thumbnailBefore = uploaded.body().get("urls").get("thumbnail").asString();

        Response frame = api.put("/api/v1/tenants/" + tenant + "/assets/" + video + "/cover", key,
                Map.of("offset_ms", 2500));

        String after = frame.body().get("urls").get("poster").asString();
        assertThat(after).contains("/media/" + video + "/poster?v=").isNotEqualTo(before);
        assertThat(version(after)).isNotEqualTo(version(before));
        assertThat(version(frame.body().get("urls").get("thumbnail").asString()))
                .isNotEqualTo(version(thumbnailBefore));
        var fresh = Uploads.fetch(after);
        assertThat(fresh.statusCode()).isEqualTo(200);
        assertThat(fresh.headers().firstValue("Cache-Control")).hasValueSatisfying(cache ->
                assertThat(cache).contains("immutable").containsPattern("max-age=[1-9]"));
        assertThat(TestImages.near(TestImages.decode(fresh.body()).getRGB(60, 320), TestVideos.colourAt(2)))
                .isTrue();
        // The old link named the old picture: it never answers with the new one under a URL cached as immutable.
        assertThat(Uploads.fetch(before).statusCode()).isEqualTo(404);
        // Asked again without a change, the link is the same (browsers keep their copy).
        assertThat(version(api.get("/api/v1/tenants/" + tenant + "/assets/" + video, key).body().get("urls")
                .get("poster").asString())).isEqualTo(version(after));
    }

    private static String version(String url) {
        return url.replaceAll(".*[?&]v=([^&]+).*", "$1");
    }

    @Test
    void ownerPicksTheCoverByFrameOrByLibraryPhoto() {
        String video = uploads.upload(tenant, key, "plating.mp4", TestVideos.of().seconds(4).bytes()).text("id");
        String path = "/api/v1/tenants/" + tenant + "/assets/" + video + "/cover";

        Response frame = api.put(path, key, Map.of("offset_ms", 2500));
        assertThat(frame.status()).as(frame.raw().body()).isEqualTo(200);
        assertThat(frame.body().get("video").get("poster_offset_ms").asLong()).isEqualTo(2500);
        assertThat(frame.body().get("video").get("cover").get("offset_ms").asLong()).isEqualTo(2500);
        BufferedImage poster = TestImages.decode(Uploads.fetch(frame.body().get("urls").get("poster").asString())
                .body());
        assertThat(TestImages.near(poster.getRGB(60, 320), TestVideos.colourAt(2))).isTrue();

        String photo = uploads.upload(tenant, key, "cover.jpg", TestImages.jpeg(1080, 1920, 3)).text("id");
        Response byPhoto = api.put(path, key, Map.of("asset_id", photo));
        assertThat(byPhoto.status()).isEqualTo(200);
        assertThat(byPhoto.body().get("video").get("cover").get("asset_id").asString()).isEqualTo(photo);

        Response back = api.delete(path, key);
        assertThat(back.status()).isEqualTo(200);
        assertThat(back.body().get("video").has("cover")).isFalse();
        assertThat(back.body().get("video").get("poster_offset_ms").asLong()).isEqualTo(1000);

        Response tooLate = api.put(path, key, Map.of("offset_ms", 9000));
        assertThat(tooLate.status()).isEqualTo(400);
        assertThat(tooLate.raw().body()).contains("offset_ms", "less than the video's duration");
        Response photoHasNone = api.put("/api/v1/tenants/" + tenant + "/assets/" + photo + "/cover", key,
                Map.of("offset_ms", 0));
        assertThat(photoHasNone.status()).isEqualTo(400);
        assertThat(photoHasNone.text("detail")).contains("Only a video has a cover");
        Response both = api.put(path, key, Map.of("offset_ms", 0, "asset_id", photo));
        assertThat(both.status()).isEqualTo(400);
    }

    @Test
    void anotherTenantsVideoAndCoverPhotoAreNotFound() {
        String video = uploads.upload(tenant, key, "mine.mp4", TestVideos.of().bytes()).text("id");
        String other = api.createTenant("Other Diner " + System.nanoTime(), "enterprise");
        String otherKey = api.createKey(other);
        String otherPhoto = uploads.upload(other, otherKey, "theirs.jpg", TestImages.jpeg(400, 300, 4)).text("id");

        // Another tenant's key on this tenant's path: refused by the filter chain.
        assertThat(api.put("/api/v1/tenants/" + tenant + "/assets/" + video + "/cover", otherKey,
                Map.of("offset_ms", 0)).status()).isEqualTo(403);
        // This tenant's video on the other tenant's path: not found.
        assertThat(api.put("/api/v1/tenants/" + other + "/assets/" + video + "/cover", otherKey,
                Map.of("offset_ms", 0)).status()).isEqualTo(404);
        // Another tenant's photo as the cover: not in this library.
        Response foreignCover = api.put("/api/v1/tenants/" + tenant + "/assets/" + video + "/cover", key,
                Map.of("asset_id", otherPhoto));
        assertThat(foreignCover.status()).isEqualTo(400);
        assertThat(foreignCover.raw().body()).contains("asset_id", "No asset");
    }
}
