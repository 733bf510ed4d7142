package io.forkcast.assets;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of the assets module ({@code forkcast.assets.*}).
 *
 * @param storage where the bytes live: {@code local} (a directory) or {@code s3} (any S3-compatible store)
 * @param localRoot the directory of the local store
 * @param maxUploadSize the largest photo accepted; a larger upload is refused (413) before its body is read
 * @param maxVideoUploadSize the largest video accepted (streamed to disk, never held in memory); a larger upload is
 *                           refused (413) before its body is read
 * @param videoEnabled whether videos are taken; when off, or when the FFmpeg natives do not load, video uploads are
 *                     refused with the reason and photos work as usual
 * @param maxPixels the most pixels (width × height, read from the file's header) an image may decode to
 * @param concurrentDecodes how many photos and videos are decoded at the same time on one instance, each on a
 *                          thread of this many kept for it; 0 (the default) is one per two processors the JVM sees,
 *                          at least one, which leaves the other processor to the uploads' reading, hashing and storing.
 *                          Each upload decodes its image once, subsampled: a 12 MP phone photo takes 12 MB of
 *                          native memory at half size, beside its scaled copies (the file is read where it lies), and
 *                          a decoding thread's C library arena was measured at about 35 MB; a video's poster frame is
 *                          decoded once
 * @param urlTtl how long a signed media URL stays valid
 * @param urlSigningKey the secret that signs media URLs (at least 32 characters); when empty and
 *                      {@code generateUrlSigningKey} is on, one is generated once and kept in {@code urlSigningKeyFile}
 * @param generateUrlSigningKey whether a missing signing key may be generated (the embedded default; not in production)
 * @param urlSigningKeyFile where a generated signing key is kept, readable by its owner only
 * @param s3 the S3 store, when {@code storage} is {@code s3}
 * @param allowLocalStorageInProd allow the local store on the {@code prod} profile, where it is refused by default:
 *                                only for one instance, or when every instance mounts the same {@code localRoot}
 * @param publicMediaCacheTtl how long the public media route trusts what it read of an asset (its stored key, type
 *                            and length) without asking the database again, for a link naming that same version: a
 *                            burst of fetches by Meta does not queue for database connections. A deleted asset's
 *                            files are gone at once (404); a changed or deleted asset whose old file is still stored
 *                            answers 404 within this time on every instance
 */
@Validated
@ConfigurationProperties("forkcast.assets")
record AssetsProperties(
        @DefaultValue("local") @NotNull Storage storage,
        @DefaultValue("./data/media") @NotNull Path localRoot,
        @DefaultValue("25MB") @NotNull DataSize maxUploadSize,
        @DefaultValue("500MB") @NotNull DataSize maxVideoUploadSize,
        @DefaultValue("true") boolean videoEnabled,
        @DefaultValue("50000000") @Min(1) long maxPixels,
        @DefaultValue("0") @Min(0) int concurrentDecodes,
        @DefaultValue("1h") @NotNull Duration urlTtl,
        String urlSigningKey,
        @DefaultValue("true") boolean generateUrlSigningKey,
        @DefaultValue("./data/media-url-key") @NotNull Path urlSigningKeyFile,
        @Valid @DefaultValue S3 s3,
        @DefaultValue("false") boolean allowLocalStorageInProd,
        @DefaultValue("30s") @NotNull Duration publicMediaCacheTtl) {

    AssetsProperties {
        if (concurrentDecodes == 0) {
            concurrentDecodes = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
        }
    }

    enum Storage { LOCAL, S3 }

    /** The largest upload of any kind: what the container lets through before the content is known. */
    DataSize largestUpload() {
        return maxVideoUploadSize.toBytes() > maxUploadSize.toBytes() ? maxVideoUploadSize : maxUploadSize;
    }

    /**
     * @param bucket the bucket (must exist)
     * @param region the region to sign requests for
     * @param endpoint the service's address for S3-compatible stores (MinIO, R2, ...); empty for AWS itself
     * @param pathStyle path-style addressing ({@code endpoint/bucket/key}), which most S3-compatible stores need
     * @param accessKey the access key id; empty uses the AWS default credentials chain
     * @param secretKey the secret access key
     */
    record S3(String bucket, @DefaultValue("us-east-1") String region, URI endpoint,
            @DefaultValue("false") boolean pathStyle, String accessKey, String secretKey) {
    }
}
