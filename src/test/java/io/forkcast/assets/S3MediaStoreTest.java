package io.forkcast.assets;

import com.twelvemonkeys.imageio.metadata.jpeg.JPEG;
import com.twelvemonkeys.imageio.metadata.jpeg.JPEGSegmentUtil;
import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static io.forkcast.assets.Uploads.field;
import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole library on the S3 store, against a real S3-compatible server (Adobe S3Mock) started by the test:
 * uploads land in the bucket under keys that name neither tenant nor file, public URLs are presigned GETs served
 * by the bucket, deletions remove the objects, and a failing bucket leaves no row behind.
 */
class S3MediaStoreTest extends EmbeddedApiTest {

    private static final S3MockServer S3 = S3MockServer.start();

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("forkcast.assets.storage", () -> "s3");
        registry.add("forkcast.assets.s3.bucket", () -> S3MockServer.BUCKET);
        registry.add("forkcast.assets.s3.endpoint", S3::endpoint);
        registry.add("forkcast.assets.s3.path-style", () -> "true");
        registry.add("forkcast.assets.s3.region", () -> "us-east-1");
        registry.add("forkcast.assets.s3.access-key", () -> "test-access-key");
        registry.add("forkcast.assets.s3.secret-key", () -> "test-secret-key");
    }

    @AfterAll
    static void stop() {
        S3.close();
    }

    private ApiClient api;
    private Uploads uploads;
    private String tenant;
    private String key;
    private S3Client bucket;

    @BeforeEach
    void tenant() {
        api = api();
        uploads = new Uploads(port);
        tenant = api.createTenant("S3 Diner " + System.nanoTime(), "enterprise");
        key = api.createKey(tenant);
        bucket = S3Client.builder().endpointOverride(URI.create(S3.endpoint())).region(Region.US_EAST_1)
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b"))).build();
    }

    private List<String> objectsOfTenant() {
        return bucket.listObjectsV2(r -> r.bucket(S3MockServer.BUCKET).prefix(AssetRules.tenantPrefix(UUID.fromString(tenant))))
                .contents().stream().map(S3Object::key).toList();
    }

    @Test
    void phonePhotoIsStoredInTheBucketAndServedThroughPresignedUrls() throws IOException {
        String folder = api.post("/api/v1/tenants/" + tenant + "/folders", key, java.util.Map.of("name", "Dishes")).text("id");
        byte[] photo = TestImages.jpegWithExif(2000, 1500, 6, 42);

        Response response = uploads.upload(tenant, key, "IMG_2001.jpg", photo, field("folder_id", folder),
                field("tags", "pizza"));

        assertThat(response.status()).as(response.raw().body()).isEqualTo(201);
        String id = response.text("id");
        assertThat(objectsOfTenant()).hasSize(3).allMatch(k -> k.contains(id) && !k.contains(tenant) && !k.contains("IMG"));

        String instagramUrl = response.body().get("urls").get("instagram").asString();
        assertThat(instagramUrl).startsWith(S3.endpoint()).contains("X-Amz-Signature").doesNotContain(tenant, "IMG_2001");
        HttpResponse<byte[]> instagram = Uploads.fetch(instagramUrl);
        assertThat(instagram.statusCode()).isEqualTo(200);
        assertThat(instagram.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        BufferedImage ig = TestImages.decode(instagram.body());
        // Upright 1500 × 2000, cropped to 4:5 and brought to Instagram's largest width.
        assertThat(ig.getWidth()).isEqualTo(1440);
        assertThat(ig.getHeight()).isEqualTo(1800);
        assertThat(JPEGSegmentUtil.readSegments(ImageIO.createImageInputStream(new ByteArrayInputStream(instagram.body())),
                JPEG.APP1, "Exif")).isEmpty();
        assertThat(Uploads.fetch(response.body().get("urls").get("original").asString()).body()).isEqualTo(photo);
        assertThat(Uploads.fetch(response.body().get("urls").get("thumbnail").asString()).statusCode()).isEqualTo(200);
    }

    @Test
    void deletingAnAssetDeletesItsObjects() {
        String id = uploads.upload(tenant, key, "a.jpg", TestImages.jpeg(500, 500, 43)).text("id");
        assertThat(objectsOfTenant()).hasSize(3);

        assertThat(api.delete("/api/v1/tenants/" + tenant + "/assets/" + id, key).status()).isEqualTo(204);

        assertThat(objectsOfTenant()).isEmpty();
    }

    @Test
    void deletingTheTenantDeletesItsObjects() {
        uploads.upload(tenant, key, "a.jpg", TestImages.jpeg(500, 500, 44));
        uploads.upload(tenant, key, "b.jpg", TestImages.jpeg(500, 500, 45));
        assertThat(objectsOfTenant()).hasSize(6);
        List<String> before = objectsOfTenant();

        assertThat(api.delete("/api/v1/tenants/" + tenant, OPERATOR_TOKEN).status()).isEqualTo(204);

        await().atMost(Duration.ofSeconds(10)).until(() -> objectsOfTenant().isEmpty());
        assertThat(before).isNotEmpty();
    }

    @Test
    void uploadThatCannotBeStoredLeavesNoRowBehind() {
        bucket.listObjectsV2(r -> r.bucket(S3MockServer.BUCKET)).contents()
                .forEach(o -> bucket.deleteObject(r -> r.bucket(S3MockServer.BUCKET).key(o.key())));
        bucket.deleteBucket(r -> r.bucket(S3MockServer.BUCKET));
        try {
            Response response = uploads.upload(tenant, key, "a.jpg", TestImages.jpeg(500, 500, 46));

            assertThat(response.status()).isEqualTo(500);
            assertThat(api.get("/api/v1/tenants/" + tenant + "/assets", key).body().get("items")).isEmpty();
        } finally {
            bucket.createBucket(r -> r.bucket(S3MockServer.BUCKET));
        }
        assertThat(objectsOfTenant()).isEmpty();
    }
}
