package io.forkcast.assets;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The media store on S3 or any S3-compatible service (MinIO, R2, ...): bucket, region, endpoint and path-style
 * addressing come from configuration. Public media URLs are presigned GETs, so Instagram fetches the bytes from
 * the bucket, not through Forkcast.
 */
class S3MediaStore implements MediaStore, AutoCloseable {

    private final S3Client s3;
    private final S3Presigner presigner;
    private final String bucket;

    S3MediaStore(S3Client s3, S3Presigner presigner, String bucket) {
        this.s3 = s3;
        this.presigner = presigner;
        this.bucket = bucket;
    }

    @Override
    public void put(String key, Path file, String contentType) {
        s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
    }

    @Override
    public void put(String key, byte[] bytes, String contentType) {
        s3.putObject(request -> request.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
    }

    @Override
    public Optional<InputStream> open(String key) {
        try {
            ResponseInputStream<GetObjectResponse> stream = s3.getObject(request -> request.bucket(bucket).key(key));
            return Optional.of(stream);
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String key) {
        s3.deleteObject(request -> request.bucket(bucket).key(key));
    }

    @Override
    public void deleteAll(String prefix) {
        String folder = prefix.endsWith("/") ? prefix : prefix + "/";
        String token = null;
        do {
            ListObjectsV2Request.Builder list = ListObjectsV2Request.builder().bucket(bucket).prefix(folder);
            if (token != null) {
                list.continuationToken(token);
            }
            ListObjectsV2Response page = s3.listObjectsV2(list.build());
            List<ObjectIdentifier> keys = page.contents().stream()
                    .map(object -> ObjectIdentifier.builder().key(object.key()).build())
                    .toList();
            if (!keys.isEmpty()) {
                s3.deleteObjects(request -> request.bucket(bucket).delete(Delete.builder().objects(keys).quiet(true).build()));
            }
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(request -> request.bucket(bucket).key(key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Optional<URI> presignedUrl(String key, Duration ttl) {
        return Optional.of(URI.create(presigner.presignGetObject(request -> request
                        .signatureDuration(ttl)
                        .getObjectRequest(get -> get.bucket(bucket).key(key)))
                .url().toString()));
    }

    @Override
    public String locationOf(String key) {
        return "s3://" + bucket + "/" + key;
    }

    @Override
    public void close() {
        presigner.close();
        s3.close();
    }
}
