package io.forkcast.assets.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.forkcast.assets.AssetId;
import io.forkcast.assets.AssetVariant;
import io.forkcast.assets.Assets;
import io.forkcast.assets.MediaUrls;
import io.forkcast.shared.DomainException;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.AbstractResource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import jakarta.servlet.http.HttpServletRequest;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * The public media route: images and videos behind signed, expiring URLs, for clients without an API key (Instagram
 * fetching {@code image_url} or {@code video_url}); ranges of a file are served (206) for players. Outside
 * {@code /api}, so the security chain lets it through; the signature is the authorisation.
 */
@Tag(name = "Media", description = "Asset images behind signed, expiring URLs (no API key).")
@RestController
class MediaController {

    private static final long MAX_CACHE_SECONDS = 24 * 3600;

    // Tomcat's request attributes for sending a file with the kernel's zero-copy transfer (its DefaultServlet's way).
    private static final String SENDFILE_SUPPORTED = "org.apache.tomcat.sendfile.support";
    private static final String SENDFILE_FILENAME = "org.apache.tomcat.sendfile.filename";
    private static final String SENDFILE_START = "org.apache.tomcat.sendfile.start";
    private static final String SENDFILE_END = "org.apache.tomcat.sendfile.end";
    /** Below this a copy through a buffer costs less than setting up a transfer (Tomcat's DefaultServlet's figure). */
    private static final long SENDFILE_MIN_BYTES = 48 * 1024;

    private final MediaUrls mediaUrls;
    private final Assets assets;
    private final Clock clock;

    MediaController(MediaUrls mediaUrls, Assets assets, Clock clock) {
        this.mediaUrls = mediaUrls;
        this.assets = assets;
        this.clock = clock;
    }

    @ApiResponse(responseCode = "200", description = "The image (JPEG, PNG or WebP) or video (MP4 or MOV)",
            content = {@Content(mediaType = "image/*", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "video/*", schema = @Schema(type = "string", format = "binary"))})
    @ApiResponse(responseCode = "206", description = "The ranges asked for with a `Range` header",
            content = @Content(mediaType = "video/*", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "403", description = "The link is malformed, its signature wrong or it has expired.")
    @ApiResponse(responseCode = "404", description = "No such media, or it has changed since the link was made (a "
            + "video's new cover): ask for the link again.")
    @GetMapping("/media/{assetId}/{variant}")
    ResponseEntity<AbstractResource> getMedia(@PathVariable String assetId, @PathVariable String variant,
            @RequestParam(name = "v", required = false) String version,
            @RequestParam(name = "expires", required = false) String expires,
            @RequestParam(name = "signature", required = false) String signature, HttpServletRequest request) {
        AssetId id;
        AssetVariant kind;
        long expiry;
        try {
            id = new AssetId(UUID.fromString(assetId));
            kind = AssetVariant.fromWire(variant).orElseThrow(IllegalArgumentException::new);
            expiry = Long.parseLong(expires);
        } catch (IllegalArgumentException | NullPointerException malformed) {
            throw DomainException.forbidden("This media link is not valid.");
        }
        mediaUrls.verify(id, kind, version, expiry, signature);
        Assets.Media media = assets.openForPublicRoute(id, kind, version)
                .orElseThrow(() -> DomainException.notFound("Media"));
        // Cached as immutable: a link names one version of the file and never answers with another.
        if (!media.version().equals(version)) {
            throw DomainException.notFound("Media");
        }
        long maxAge = Math.clamp(expiry - clock.instant().getEpochSecond(), 0, MAX_CACHE_SECONDS);
        ResponseEntity.BodyBuilder response = ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(media.mediaType()))
                .cacheControl(CacheControl.maxAge(Duration.ofSeconds(maxAge)).cachePublic().immutable())
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION, "inline");
        long whole = sentByTheServer(media, request);
        if (whole >= 0) {
            return response.contentLength(whole).build();
        }
        // Not an InputStreamResource: a resource that opens afresh lets Spring answer Range requests (206), which
        // players and Meta's fetchers send for video.
        return response.body(new StoredMedia(media));
    }

    /**
     * Hands a whole file on local disk to the web server, which sends it from the kernel's page cache to the socket
     * without copying it through the JVM: serving photos to Meta while a burst of posts goes out was a fifth of the
     * instance's CPU. Ranges, HEAD, small files, files elsewhere (S3) and servers without the feature take the copy.
     * Answers the length sent, or -1 when the copy is to be taken.
     */
    private static long sentByTheServer(Assets.Media media, HttpServletRequest request) {
        if (media.file() == null || request.getHeader(HttpHeaders.RANGE) != null || !"GET".equals(request.getMethod())
                || !Boolean.TRUE.equals(request.getAttribute(SENDFILE_SUPPORTED))) {
            return -1;
        }
        long size;
        try {
            size = Files.size(media.file());
        } catch (IOException gone) {
            return -1; // deleted meanwhile: the copy's path answers as it always did
        }
        if (size < SENDFILE_MIN_BYTES) {
            return -1;
        }
        request.setAttribute(SENDFILE_FILENAME, media.file().toAbsolutePath().toString());
        request.setAttribute(SENDFILE_START, 0L);
        request.setAttribute(SENDFILE_END, size);
        return size;
    }

    /** Stored bytes as a resource of known length that can be read more than once (once per range). */
    private static final class StoredMedia extends AbstractResource {

        private final Assets.Media media;

        StoredMedia(Assets.Media media) {
            this.media = media;
        }

        @Override
        public InputStream getInputStream() throws IOException {
            return media.content().open();
        }

        @Override
        public long contentLength() throws IOException {
            return media.length() != null ? media.length() : super.contentLength();
        }

        @Override
        public String getDescription() {
            return "stored media";
        }
    }
}
