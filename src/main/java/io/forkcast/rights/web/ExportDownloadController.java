package io.forkcast.rights.web;

import io.forkcast.assets.MediaUrls;
import io.forkcast.rights.DataExports;
import io.forkcast.shared.DomainException;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.core.io.InputStreamResource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

/**
 * The download of an export's archive by its signed link (no API key, so that a browser can follow it). Outside
 * {@code /api}, like the media route; the signature is the authorisation. The archive is streamed from the store.
 */
@Tag(name = "Data exports")
@RestController
class ExportDownloadController {

    private final DataExports exports;
    private final MediaUrls urls;

    ExportDownloadController(DataExports exports, MediaUrls urls) {
        this.exports = exports;
        this.urls = urls;
    }

    @ApiResponse(responseCode = "200", description = "The archive (ZIP)",
            content = @Content(mediaType = "application/zip", schema = @Schema(type = "string", format = "binary")))
    @ApiResponse(responseCode = "403", description = "The link is malformed, its signature wrong or it has expired.")
    @ApiResponse(responseCode = "404", description = "The archive no longer exists (deleted after its expiry).")
    @GetMapping(DataExports.DOWNLOAD_PATH + "{exportId}")
    ResponseEntity<InputStreamResource> download(@PathVariable String exportId,
            @RequestParam(name = "expires", required = false) String expires,
            @RequestParam(name = "signature", required = false) String signature) {
        UUID id;
        long expiry;
        try {
            id = UUID.fromString(exportId);
            expiry = Long.parseLong(expires);
        } catch (IllegalArgumentException | NullPointerException malformed) {
            throw DomainException.forbidden("This download link is not valid.");
        }
        urls.verifyPath(DataExports.DOWNLOAD_PATH + id, expiry, signature);
        DataExports.Archive archive = exports.open(id);
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType("application/zip"))
                .contentLength(archive.size())
                .header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header("X-Content-Type-Options", "nosniff")
                .header(HttpHeaders.CONTENT_DISPOSITION,
                        ContentDisposition.attachment().filename(archive.fileName()).build().toString())
                .body(new InputStreamResource(archive.content()));
    }
}
