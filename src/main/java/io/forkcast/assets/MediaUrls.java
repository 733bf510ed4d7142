package io.forkcast.assets;

import io.forkcast.shared.DomainException;
import io.forkcast.shared.PublicUrls;
import io.forkcast.tenancy.TenantId;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.util.UriComponentsBuilder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Public, expiring URLs of asset images, for whoever must fetch them without an API key (Instagram fetches
 * {@code image_url} itself). On the local store:
 * {@code <public base>/media/<asset id>/<variant>?v=&expires=&signature=}, an HMAC-SHA256 over asset, variant, expiry
 * and version, served by Forkcast; the URL names neither the tenant nor the file. The version {@code v} stands for the
 * stored file (a video's poster is stored anew under another name when the owner picks another cover frame), so a new
 * cover is a new URL and the long, immutable caching of the old one never shows a stale picture. On the S3 store: a
 * presigned GET of the object, whose key changes the same way, served by the bucket.
 */
@Component
public class MediaUrls {

    /** A URL and the moment it stops working. */
    public record MediaUrl(URI url, Instant expiresAt) {
    }

    // Expiries are rounded up to this step, so a client asking twice in a row gets the same (cacheable) URL.
    private static final long STEP_SECONDS = 300;

    private final MediaUrlKey key;
    private final PublicUrls publicUrls;
    private final MediaStore store;
    private final BrandAssetRepository assets;
    private final Duration ttl;
    private final Clock clock;

    MediaUrls(MediaUrlKey key, PublicUrls publicUrls, MediaStore store, BrandAssetRepository assets,
            AssetsProperties properties, Clock clock) {
        this.key = key;
        this.publicUrls = publicUrls;
        this.store = store;
        this.assets = assets;
        this.ttl = properties.urlTtl();
        this.clock = clock;
    }

    /** The public URL of a tenant's asset; another tenant's asset is not found. */
    @Transactional(readOnly = true)
    public MediaUrl urlOf(TenantId tenantId, AssetId assetId, AssetVariant variant) {
        BrandAsset asset = assets.findByTenantIdAndId(tenantId.value(), assetId.value())
                .orElseThrow(() -> DomainException.notFound("Asset"));
        return urlOf(asset, variant);
    }

    /** The public URL of an asset already read (saves the lookup when answering with the asset). */
    public MediaUrl urlOf(BrandAsset asset, AssetVariant variant) {
        Instant now = clock.instant();
        long seconds = now.plus(ttl).getEpochSecond();
        Instant expires = Instant.ofEpochSecond(((seconds + STEP_SECONDS - 1) / STEP_SECONDS) * STEP_SECONDS);
        Optional<URI> presigned = store.presignedUrl(asset.keyOf(variant), Duration.between(now, expires));
        if (presigned.isPresent()) {
            return new MediaUrl(presigned.get(), expires);
        }
        return new MediaUrl(signed(asset.id(), variant, version(asset.keyOf(variant)), expires), expires);
    }

    /**
     * The version of a stored file as media URLs name it: the first 12 characters of the base64url SHA-256 of its
     * key. Keys are never reused for other content (a new poster frame is a new key), so this changes exactly when
     * the picture does, without reading the file.
     */
    static String version(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 12);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    /** A signed URL on Forkcast's own media route for the file of {@code version}, valid until {@code expires}. */
    URI signed(AssetId assetId, AssetVariant variant, String version, Instant expires) {
        long epoch = expires.getEpochSecond();
        return UriComponentsBuilder.fromUri(publicUrls.base())
                .path("/media/{asset}/{variant}")
                .queryParam("v", version)
                .queryParam("expires", epoch)
                .queryParam("signature", signature(assetId, variant, version, epoch))
                .buildAndExpand(assetId.value(), variant.wireName())
                .toUri();
    }

    /**
     * A URL at which a stored file (other than an asset's image, e.g. a data export) can be fetched until
     * {@code expires}: presigned on S3, otherwise {@code <public base><path>?expires=&signature=} on Forkcast's own
     * route at {@code path}, which checks it with {@link #verifyPath}.
     */
    public MediaUrl fileUrl(String key, String path, Instant expires) {
        Optional<URI> presigned = store.presignedUrl(key, Duration.between(clock.instant(), expires));
        if (presigned.isPresent()) {
            return new MediaUrl(presigned.get(), expires);
        }
        long epoch = expires.getEpochSecond();
        URI url = UriComponentsBuilder.fromUri(publicUrls.base()).path(path)
                .queryParam("expires", epoch)
                .queryParam("signature", hmac(path + "\n" + epoch))
                .build().toUri();
        return new MediaUrl(url, expires);
    }

    /** Checks a URL made by {@link #fileUrl}: a tampered or expired one is refused with 403. */
    public void verifyPath(String path, long expires, String signature) {
        check(hmac(path + "\n" + expires), signature, expires);
    }

    /** Checks a signed URL: a tampered or expired one is refused with 403. */
    public void verify(AssetId assetId, AssetVariant variant, String version, long expires, String signature) {
        check(signature(assetId, variant, version, expires), signature, expires);
    }

    private void check(String expectedSignature, String signature, long expires) {
        byte[] expected = expectedSignature.getBytes(StandardCharsets.US_ASCII);
        byte[] presented = signature == null ? new byte[0] : signature.getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, presented)) {
            throw DomainException.forbidden("This media link is not valid.");
        }
        if (clock.instant().getEpochSecond() >= expires) {
            throw DomainException.forbidden("This media link has expired; ask for a new one.");
        }
    }

    private String signature(AssetId assetId, AssetVariant variant, String version, long expires) {
        return hmac(assetId.value() + "\n" + variant.wireName() + "\n" + expires + "\n" + version);
    }

    // Asset messages start with a UUID, file messages with "/": the two kinds of URL cannot stand for each other.
    private String hmac(String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.bytes(), "HmacSHA256"));
            byte[] digest = mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
