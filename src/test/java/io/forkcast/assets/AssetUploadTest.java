package io.forkcast.assets;

import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static io.forkcast.assets.Uploads.field;
import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** Uploading images: the phone photo of the issue end to end, the derivatives, and every bad input of the issue. */
class AssetUploadTest extends EmbeddedApiTest {

    @Autowired
    AssetsProperties properties;

    @Autowired
    BrandAssetRepository assetRows;

    @Autowired
    AssetTagRepository tagRows;

    @Autowired
    TransactionTemplate transactions;

    private ApiClient api;
    private Uploads uploads;
    private String tenant;
    private String key;

    @BeforeEach
    void tenant() {
        api = api();
        uploads = new Uploads(port);
        tenant = api.createTenant("Upload Diner " + System.nanoTime(), "enterprise");
        key = api.createKey(tenant);
    }

    /** A merge would hand back a copy, after a SELECT by id: what every upload paid before its INSERT. */
    @Test
    void newRowsAreInsertedAsTheyAreNotMergedAfterAReadByTheirId() {
        UUID tenantId = UUID.fromString(tenant);
        UUID id = UUID.randomUUID();
        BrandAsset row = new BrandAsset(id, tenantId, null, "row.jpg", "local:row.jpg", "image/jpeg", 1,
                "0".repeat(64), List.of("row"), Map.of(), null, "o", "t", "i", Instant.now());
        AssetTag tag = new AssetTag(tenantId, id, "row");

        transactions.executeWithoutResult(status -> {
            assertThat(assetRows.saveAndFlush(row)).isSameAs(row);
            assertThat(tagRows.saveAllAndFlush(List.of(tag))).containsExactly(tag);
            assertThat(row.isNew()).isFalse();
        });

        assertThat(assetRows.findById(id)).get().extracting(BrandAsset::isNew).isEqualTo(false);
        assertThat(tagRows.findById(new AssetTag.Key(tenantId, id, "row"))).isPresent();
    }

    @Test
    void phonePhotoIsStoredWithFolderTagsThumbnailAndInstagramReadyDerivative() throws IOException {
        String folder = api.post("/api/v1/tenants/" + tenant + "/folders", key, Map.of("name", "Dishes")).text("id");
        byte[] photo = TestImages.jpegWithExif(1600, 1200, 6, 1);

        Response response = uploads.upload(tenant, key, "IMG_0001.jpg", photo, field("folder_id", folder),
                field("tags", "pizza, Margherita"), field("tags", "summer"), field("alt_text", "A margherita pizza"));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.header("Location")).endsWith("/assets/" + response.text("id"));
        assertThat(response.text("folder_id")).isEqualTo(folder);
        assertThat(response.text("filename")).isEqualTo("IMG_0001.jpg");
        assertThat(response.text("content_type")).isEqualTo("image/jpeg");
        assertThat(response.body().get("size").asLong()).isEqualTo(photo.length);
        assertThat(response.body().get("tags").toString()).isEqualTo("[\"pizza\",\"margherita\",\"summer\"]");
        assertThat(response.text("alt_text")).isEqualTo("A margherita pizza");
        assertThat(response.body().get("duplicate").asBoolean()).isFalse();
        var metadata = response.body().get("metadata");
        assertThat(metadata.get("original").get("orientation").asInt()).isEqualTo(6);
        assertThat(metadata.get("original").get("width").asInt()).isEqualTo(1600);
        assertThat(metadata.get("thumbnail").get("width").asInt()).isEqualTo(240);
        assertThat(metadata.get("thumbnail").get("height").asInt()).isEqualTo(320);
        // Displayed upright the photo is 1200 × 1600 (3:4), taller than 4:5: centre-cropped to 1200 × 1500.
        assertThat(metadata.get("instagram").get("width").asInt()).isEqualTo(1200);
        assertThat(metadata.get("instagram").get("height").asInt()).isEqualTo(1500);
        assertThat(metadata.get("instagram").get("format").asString()).isEqualTo("jpeg");
        assertThat(metadata.get("instagram").get("aspect").asDouble()).isEqualTo(0.8);

        // The Instagram derivative, fetched as Instagram would: no API key, right type, upright, no metadata.
        HttpResponse<byte[]> instagram = Uploads.fetch(response.body().get("urls").get("instagram").asString());
        assertThat(instagram.statusCode()).isEqualTo(200);
        assertThat(instagram.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(instagram.headers().firstValue("Cache-Control").orElseThrow()).contains("max-age=", "public");
        assertThat(instagram.body().length).isLessThanOrEqualTo(8 * 1024 * 1024);
        BufferedImage ig = TestImages.decode(instagram.body());
        assertThat(ig.getWidth()).isEqualTo(1200);
        assertThat(ig.getHeight()).isEqualTo(1500);
        // Orientation 6 turns the stored image a quarter clockwise: its red left half is now on top.
        assertThat(TestImages.near(ig.getRGB(600, 100), Color.RED)).isTrue();
        assertThat(TestImages.near(ig.getRGB(600, 1400), Color.BLUE)).isTrue();
        assertThat(JPEGSegmentUtil.readSegments(ImageIO.createImageInputStream(new ByteArrayInputStream(instagram.body())),
                JPEG.APP1, "Exif")).isEmpty();
        assertThat(new String(instagram.body(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif", "ForkcastPhone");

        HttpResponse<byte[]> thumbnail = Uploads.fetch(response.body().get("urls").get("thumbnail").asString());
        assertThat(thumbnail.statusCode()).isEqualTo(200);
        BufferedImage thumb = TestImages.decode(thumbnail.body());
        assertThat(Math.max(thumb.getWidth(), thumb.getHeight())).isEqualTo(320);

        // The original is kept byte for byte, EXIF and all.
        HttpResponse<byte[]> original = Uploads.fetch(response.body().get("urls").get("original").asString());
        assertThat(original.body()).isEqualTo(photo);

        // And the folder shows it.
        Response listed = api.get("/api/v1/tenants/" + tenant + "/assets?folder_id=" + folder, key);
        assertThat(listed.body().get("items")).hasSize(1);
    }

    @Test
    void sameFileTwiceReturnsTheExistingAssetWithAFlagAndNoCopy() throws IOException {
        byte[] photo = TestImages.jpeg(800, 600, 2);
        Response first = uploads.upload(tenant, key, "a.jpg", photo);
        Response second = uploads.upload(tenant, key, "b.jpg", photo);

        assertThat(first.status()).isEqualTo(201);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("duplicate").asBoolean()).isTrue();
        assertThat(second.text("id")).isEqualTo(first.text("id"));
        assertThat(second.text("filename")).isEqualTo("a.jpg");
        assertThat(assetFolders()).hasSize(1);
    }

    @Test
    void sameFileUploadedConcurrentlyEndsAsOneAssetWithOneSetOfFiles() throws Exception {
        byte[] photo = TestImages.jpeg(1200, 900, 3);
        List<Future<Response>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            for (int i = 0; i < 4; i++) {
                results.add(pool.submit((Callable<Response>) () -> uploads.upload(tenant, key, "same.jpg", photo)));
            }
        }
        List<Response> responses = new ArrayList<>();
        for (Future<Response> result : results) {
            responses.add(result.get());
        }
        assertThat(responses).extracting(Response::status).containsOnly(200, 201);
        assertThat(responses).filteredOn(r -> r.status() == 201).hasSize(1);
        assertThat(responses).extracting(r -> r.text("id")).containsOnly(responses.getFirst().text("id"));
        assertThat(assetFolders()).hasSize(1);
        assertThat(assetFolders().getFirst()).isDirectoryContaining(p -> p.getFileName().toString().startsWith("original"));
    }

    @Test
    void renamedExecutableWithAJpgNameIsUnsupportedMediaType() throws IOException {
        Response response = uploads.upload(tenant, key, "photo.jpg", TestImages.executable());

        assertProblem(response, 415);
        assertThat(response.text("detail")).contains("not a JPEG, PNG or WebP");
        assertNothingStored();
    }

    @Test
    void truncatedJpegIsUnsupportedMediaType() throws IOException {
        byte[] photo = TestImages.jpeg(1200, 900, 4);
        byte[] truncated = java.util.Arrays.copyOf(photo, photo.length / 2);

        Response response = uploads.upload(tenant, key, "cut.jpg", truncated);

        assertProblem(response, 415);
        assertNothingStored();
    }

    @Test
    void zeroByteFileIsRefused() throws IOException {
        Response response = uploads.upload(tenant, key, "empty.jpg", new byte[0]);

        assertProblem(response, 400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("file");
        assertNothingStored();
    }

    @Test
    void thirtyMegabyteFileIsContentTooLarge() throws IOException {
        byte[] big = new byte[30 * 1024 * 1024];
        new Random(5).nextBytes(big);
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;

        Response response = uploads.upload(tenant, key, "huge.jpg", big);

        assertProblem(response, 413);
        assertThat(response.text("detail")).contains("25 MB");
        assertNothingStored();
    }

    @Test
    void tinyFileDecodingTo60000By60000PixelsIsRefusedFromItsHeader() throws IOException {
        byte[] bomb = TestImages.pngClaiming(60_000, 60_000);
        assertThat(bomb.length).isLessThan(1024);

        Response response = uploads.upload(tenant, key, "bomb.png", bomb);

        assertProblem(response, 413);
        assertThat(response.text("detail")).contains("60000 × 60000", "50 megapixels");
        assertNothingStored();
    }

    @Test
    void pathTraversalNameIsReducedToItsLastSegmentAndNeverUsedForStorage() throws IOException {
        Response response = uploads.upload(tenant, key, "../../etc/passwd", TestImages.jpeg(400, 400, 6));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("filename")).isEqualTo("passwd");
        try (Stream<Path> files = Files.walk(properties.localRoot())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(name -> name.contains("passwd"));
        }
        assertThat(properties.localRoot().resolve("../../etc/passwd").normalize()).doesNotExist();
    }

    @Test
    void nameWithEmojiAndRightToLeftLettersIsKeptButControlCharactersAreNot() {
        String name = "🍕 פיצה مطعم.jpg";
        Response response = uploads.upload(tenant, key, name, TestImages.jpeg(400, 400, 7));
        Response spoofed = uploads.upload(tenant, key, "menu\u202Egpj.exe", TestImages.jpeg(400, 400, 8));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("filename")).isEqualTo(name);
        assertThat(spoofed.text("filename")).isEqualTo("menugpj.exe");
    }

    @Test
    void unknownFolderIsNotFound() throws IOException {
        Response response = uploads.upload(tenant, key, "a.jpg", TestImages.jpeg(400, 400, 9),
                field("folder_id", java.util.UUID.randomUUID().toString()));

        assertProblem(response, 404);
        assertNothingStored();
    }

    @Test
    void anotherTenantsFolderIsNotFound() throws IOException {
        String other = api.createTenant("Other Diner " + System.nanoTime(), "basic");
        String foreignFolder = api.post("/api/v1/tenants/" + other + "/folders", OPERATOR_TOKEN,
                Map.of("name", "Theirs")).text("id");

        Response response = uploads.upload(tenant, key, "a.jpg", TestImages.jpeg(400, 400, 10),
                field("folder_id", foreignFolder));

        assertProblem(response, 404);
        assertNothingStored();
    }

    @Test
    void keyOfAnotherTenantCannotUpload() throws IOException {
        String other = api.createTenant("Other Diner " + System.nanoTime(), "basic");

        Response response = uploads.upload(other, key, "a.jpg", TestImages.jpeg(400, 400, 11));

        assertProblem(response, 403);
    }

    @Test
    void transparentPngLogoKeepsItsTransparencyInTheThumbnailAndIsFlattenedForInstagram() {
        Response response = uploads.upload(tenant, key, "logo.png", TestImages.transparentPng(1000, 1000));

        assertThat(response.status()).isEqualTo(201);
        assertThat(response.text("content_type")).isEqualTo("image/png");
        HttpResponse<byte[]> thumbnail = Uploads.fetch(response.body().get("urls").get("thumbnail").asString());
        assertThat(thumbnail.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage thumb = TestImages.decode(thumbnail.body());
        assertThat(thumb.getColorModel().hasAlpha()).isTrue();
        assertThat(thumb.getRGB(0, 0) >>> 24).isZero();
        BufferedImage ig = TestImages.decode(Uploads.fetch(response.body().get("urls").get("instagram").asString()).body());
        assertThat(TestImages.near(ig.getRGB(0, 0), Color.WHITE)).isTrue();
        assertThat(TestImages.near(ig.getRGB(500, 500), Color.GREEN)).isTrue();
    }

    @Test
    void wideBannerIsCentreCroppedTo191By1ByDefault() {
        Response response = uploads.upload(tenant, key, "banner.jpg", TestImages.jpeg(3000, 750, 12));

        var instagram = response.body().get("metadata").get("instagram");
        // 750 high at most 1.91 wide: the centre 1432 × 750 of the banner, kept at its own size.
        assertThat(instagram.get("width").asInt()).isEqualTo(1432);
        assertThat(instagram.get("height").asInt()).isEqualTo(750);
        assertThat(instagram.get("aspect").asDouble()).isBetween(1.90, 1.91);
        assertThat(instagram.get("fit").asString()).isEqualTo("crop");
    }

    @Test
    void wideBannerIsPaddedWithTheChosenColourWhenAsked() {
        Response response = uploads.upload(tenant, key, "banner.jpg", TestImages.jpeg(3000, 750, 13),
                field("fit", "pad"), field("pad_color", "#00FF00"));

        var instagram = response.body().get("metadata").get("instagram");
        assertThat(instagram.get("width").asInt()).isEqualTo(1440);
        assertThat(instagram.get("aspect").asDouble()).isBetween(1.90, 1.91);
        assertThat(instagram.get("pad_color").asString()).isEqualTo("#00FF00");
        BufferedImage ig = TestImages.decode(Uploads.fetch(response.body().get("urls").get("instagram").asString()).body());
        assertThat(TestImages.near(ig.getRGB(720, 2), Color.GREEN)).isTrue();
        assertThat(TestImages.near(ig.getRGB(100, ig.getHeight() / 2), Color.RED)).isTrue();
    }

    @Test
    void webpIsAcceptedAndTurnedIntoAJpegForInstagram() throws IOException {
        // A 96 × 64 lossy WebP (left half red, right half blue) made once with cwebp: ImageIO has no WebP writer.
        byte[] webp;
        try (var in = getClass().getResourceAsStream("/fixtures/red-blue-96x64.webp")) {
            webp = in.readAllBytes();
        }

        Response response = uploads.upload(tenant, key, "dish.webp", webp);

        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        assertThat(response.text("content_type")).isEqualTo("image/webp");
        assertThat(response.body().get("metadata").get("original").get("width").asInt()).isEqualTo(96);
        HttpResponse<byte[]> original = Uploads.fetch(response.body().get("urls").get("original").asString());
        assertThat(original.headers().firstValue("Content-Type")).hasValue("image/webp");
        BufferedImage ig = TestImages.decode(Uploads.fetch(response.body().get("urls").get("instagram").asString()).body());
        // Narrower than Instagram's 320 px minimum: scaled up to it.
        assertThat(ig.getWidth()).isEqualTo(320);
        assertThat(TestImages.near(ig.getRGB(40, ig.getHeight() / 2), Color.RED)).isTrue();
        assertThat(TestImages.near(ig.getRGB(280, ig.getHeight() / 2), Color.BLUE)).isTrue();
    }

    @Test
    void truncatedPngIsUnsupportedMediaType() throws IOException {
        byte[] png = TestImages.transparentPng(600, 600);

        Response response = uploads.upload(tenant, key, "cut.png", java.util.Arrays.copyOf(png, png.length / 2));

        assertProblem(response, 415);
        assertNothingStored();
    }

    @Test
    void unknownFitIsAnInvalidField() {
        Response response = uploads.upload(tenant, key, "a.jpg", TestImages.jpeg(400, 400, 14), field("fit", "stretch"));

        assertProblem(response, 400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("fit");
    }

    // ---- the file as the request's body ----

    @Test
    void rawUploadStoresTheSameAssetAsAMultipartUploadOfTheSameFile() throws Exception {
        String other = api.createTenant("Multipart Diner " + System.nanoTime(), "enterprise");
        String otherKey = api.createKey(other);
        String folder = api.post("/api/v1/tenants/" + tenant + "/folders", key, Map.of("name", "Dishes")).text("id");
        byte[] photo = TestImages.jpegWithExif(1600, 1200, 6, 21);

        Response raw = uploads.raw(tenant, key, "image/jpeg", String.join("&", Uploads.query("filename", "IMG 1.jpg"),
                Uploads.query("folder_id", folder), Uploads.query("tags", "pizza, Margherita"),
                Uploads.query("tags", "summer"), Uploads.query("alt_text", "A margherita"),
                Uploads.query("fit", "pad"), Uploads.query("pad_color", "#00FF00")), photo, false);
        Response multipart = uploads.upload(other, otherKey, "IMG 1.jpg", photo, field("tags", "pizza, Margherita"),
                field("tags", "summer"), field("alt_text", "A margherita"), field("fit", "pad"),
                field("pad_color", "#00FF00"));

        assertThat(raw.status()).as(raw.raw().body()).isEqualTo(201);
        assertThat(multipart.status()).isEqualTo(201);
        assertThat(raw.header("Location")).endsWith("/api/v1/tenants/" + tenant + "/assets/" + raw.text("id"));
        assertThat(raw.text("folder_id")).isEqualTo(folder);
        for (String member : List.of("kind", "filename", "content_type", "size", "sha256", "tags", "alt_text",
                "metadata", "duplicate")) {
            assertThat(raw.body().get(member)).as(member).isEqualTo(multipart.body().get(member));
        }
        assertThat(raw.text("sha256")).isEqualTo(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("SHA-256").digest(photo)));
        for (String variant : List.of("original", "thumbnail", "instagram")) {
            assertThat(Uploads.fetch(raw.body().get("urls").get(variant).asString()).body()).as(variant)
                    .isEqualTo(Uploads.fetch(multipart.body().get("urls").get(variant).asString()).body());
        }
        // The same bytes again, now as a multipart form in the same library: the same asset.
        Response again = uploads.upload(tenant, key, "again.jpg", photo);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(raw.text("id"));
    }

    @Test
    void rawUploadWithoutContentLengthIsReadToItsEnd() {
        byte[] photo = TestImages.jpeg(1200, 900, 22);

        Response response = uploads.raw(tenant, key, "image/jpeg", Uploads.query("filename", "chunked.jpg"), photo,
                true);

        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        assertThat(response.body().get("size").asLong()).isEqualTo(photo.length);
        assertThat(Uploads.fetch(response.body().get("urls").get("original").asString()).body()).isEqualTo(photo);
    }

    @Test
    void rawUploadAnnouncedOverTheLimitIsContentTooLargeBeforeItIsRead() throws IOException {
        Response response = uploads.raw(tenant, key, "image/jpeg", "", overTheLimitJpeg(), false);

        assertProblem(response, 413);
        assertThat(response.text("detail")).contains("25 MB");
        assertNothingStored();
    }

    @Test
    void chunkedRawUploadOverTheLimitIsContentTooLargeAndLeavesNothing() throws IOException {
        Response response = uploads.raw(tenant, key, "image/jpeg", "", overTheLimitJpeg(), true);

        assertProblem(response, 413);
        assertThat(response.text("detail")).contains("25 MB");
        assertNothingStored();
    }

    @Test
    void rawBodyDeclaredAsAVideoButHoldingAPhotoIsRefusedAsTheMultipartFormRefusesOne() throws IOException {
        byte[] photo = TestImages.jpeg(400, 300, 23);

        Response raw = uploads.raw(tenant, key, "video/mp4", "", photo, false);
        Response multipart = uploads.upload(tenant, key, "dinner.mp4", photo);

        assertProblem(raw, 415);
        assertThat(raw.text("detail")).contains("declared as video/mp4", "JPEG image");
        assertProblem(multipart, 415);
        assertThat(multipart.text("detail")).contains("named like a video (.mp4)", "JPEG image");
        assertNothingStored();
    }

    @Test
    void rawBodyThatIsNoImageIsUnsupportedMediaTypeWhateverItsDeclaredType() throws IOException {
        Response response = uploads.raw(tenant, key, "image/jpeg", Uploads.query("filename", "photo.jpg"),
                TestImages.executable(), false);

        assertProblem(response, 415);
        assertThat(response.text("detail")).contains("not a JPEG, PNG or WebP");
        assertNothingStored();
    }

    @Test
    void rawBodyDeclaredAsJpegButHoldingAPngIsStoredAsThePngItIs() {
        Response response = uploads.raw(tenant, key, "image/jpeg", Uploads.query("filename", "logo.png"),
                TestImages.transparentPng(300, 300), false);

        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        assertThat(response.text("content_type")).isEqualTo("image/png");
    }

    @Test
    void rawBodyWithoutAFilenameIsNamedAfterItsContent() {
        Response response = uploads.raw(tenant, key, "image/png", "", TestImages.transparentPng(200, 200), false);

        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        assertThat(response.text("filename")).isEqualTo("image.png");
    }

    @Test
    void rawBodyTakesItsNameFromContentDispositionWhenTheQueryHasNone() {
        Response named = uploads.raw(tenant, key, "image/jpeg", "", TestImages.jpeg(300, 300, 24), false,
                "Content-Disposition", "attachment; filename*=UTF-8''pizza%20%F0%9F%8D%95.jpg");
        Response both = uploads.raw(tenant, key, "image/jpeg", Uploads.query("filename", "query.jpg"),
                TestImages.jpeg(300, 300, 25), false, "Content-Disposition", "attachment; filename=\"header.jpg\"");

        assertThat(named.status()).as(named.raw().body()).isEqualTo(201);
        assertThat(named.text("filename")).isEqualTo("pizza 🍕.jpg");
        assertThat(both.text("filename")).isEqualTo("query.jpg");
    }

    @Test
    void rawBodyWithAMalformedContentDispositionIsAnInvalidField() throws IOException {
        Response response = uploads.raw(tenant, key, "image/jpeg", "", TestImages.jpeg(300, 300, 26), false,
                "Content-Disposition", "attachment; filename*=UTF-8''%ZZ.jpg");

        assertProblem(response, 400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("Content-Disposition");
        assertNothingStored();
    }

    @Test
    void rawBodyOfATypeNoUploadTakesIsUnsupportedMediaType() throws IOException {
        Response response = uploads.raw(tenant, key, "text/plain", Uploads.query("filename", "menu.txt"),
                "the menu".getBytes(StandardCharsets.UTF_8), false);

        assertProblem(response, 415);
        assertNothingStored();
    }

    /** The multipart form's path takes only the form: the file as the body has its own operation, .../uploads. */
    @Test
    void rawBodyOnTheMultipartFormsPathIsUnsupportedMediaType() throws IOException {
        Response response = uploads.rawTo("/api/v1/tenants/" + tenant + "/assets", key, "image/jpeg", "",
                TestImages.jpeg(400, 300, 29), false);

        assertProblem(response, 415);
        assertNothingStored();
    }

    @Test
    void keyOfAnotherTenantCannotUploadARawBody() {
        String other = api.createTenant("Other Diner " + System.nanoTime(), "basic");

        Response response = uploads.raw(other, key, "image/jpeg", "", TestImages.jpeg(400, 400, 27), false);

        assertProblem(response, 403);
    }

    @Test
    void emptyRawBodyIsRefused() throws IOException {
        Response response = uploads.raw(tenant, key, "image/jpeg", "", new byte[0], false);

        assertProblem(response, 400);
        assertThat(response.body().get("errors").get(0).get("field").asString()).isEqualTo("file");
        assertNothingStored();
    }

    /**
     * An Idempotency-Key is ignored on a raw upload, as on a multipart one: the body streams instead of being held
     * in memory to be compared. A replay would answer the first 201 again; the repeat is the duplicate it is.
     */
    @Test
    void rawUploadIgnoresAnIdempotencyKeyAndStreams() {
        byte[] photo = TestImages.jpeg(500, 400, 28);

        Response first = uploads.raw(tenant, key, "image/jpeg", "", photo, false, "Idempotency-Key", "upload-1");
        Response repeat = uploads.raw(tenant, key, "image/jpeg", "", photo, false, "Idempotency-Key", "upload-1");

        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        assertThat(repeat.status()).isEqualTo(200);
        assertThat(repeat.body().get("duplicate").asBoolean()).isTrue();
        assertThat(repeat.text("id")).isEqualTo(first.text("id"));
    }

    /** A JPEG's first bytes, then random ones: 30 MB, over the 25 MB limit for images. */
    private static byte[] overTheLimitJpeg() {
        byte[] big = new byte[30 * 1024 * 1024];
        new Random(5).nextBytes(big);
        big[0] = (byte) 0xFF;
        big[1] = (byte) 0xD8;
        big[2] = (byte) 0xFF;
        return big;
    }

    private List<Path> assetFolders() throws IOException {
        Path tenantFolder = properties.localRoot().resolve(AssetRules.tenantPrefix(java.util.UUID.fromString(tenant)));
        if (!Files.exists(tenantFolder)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(tenantFolder)) {
            return children.toList();
        }
    }

    private void assertNothingStored() throws IOException {
        assertThat(assetFolders()).isEmpty();
        assertThat(api.get("/api/v1/tenants/" + tenant + "/assets", key).body().get("items")).isEmpty();
    }

    static void assertProblem(Response response, int status) {
        assertThat(response.status()).as(response.raw().body()).isEqualTo(status);
        assertThat(response.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body().get("status_code").asInt()).isEqualTo(status);
    }
}
