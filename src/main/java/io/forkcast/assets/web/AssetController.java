package io.forkcast.assets.web;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.forkcast.assets.AssetChanges;
import io.forkcast.assets.AssetId;
import io.forkcast.assets.AssetVariant;
import io.forkcast.assets.Assets;
import io.forkcast.assets.BrandAsset;
import io.forkcast.assets.MediaUrls;
import io.forkcast.assets.NewAsset;
import io.forkcast.assets.UploadedFile;
import io.forkcast.assets.VideoCover;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.MediaFacts;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Tag(name = "Assets", description = "The brand library: upload photos and videos, find them, change and delete them.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}")
class AssetController {

    record Urls(URI original, URI thumbnail, URI instagram,
            @Schema(description = "A photo's Instagram copy, a video's poster frame (its cover)") URI poster,
            Instant expiresAt) {
    }

    /** A video's facts, as read at upload; absent for a photo. */
    record VideoFacts(long durationMs, int width, int height, int rotation, double frameRate, String videoCodec,
            String audioCodec, long bitrate, long posterOffsetMs,
            @Schema(description = "The owner's chosen cover: a frame (`offset_ms`) or a photo (`asset_id`); absent "
                    + "while the poster is the frame chosen at upload")
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Object> cover) {
    }

    record AssetResponse(UUID id, @Schema(allowableValues = {"photo", "video"}) String kind, UUID folderId,
            String filename, String contentType, long size, String sha256,
            List<String> tags, String altText, Map<String, Object> metadata, Instant uploadedAt, Instant updatedAt,
            @JsonInclude(JsonInclude.Include.NON_NULL) VideoFacts video,
            Urls urls, @JsonInclude(JsonInclude.Include.NON_NULL) Boolean duplicate) {
    }

    record TagResponse(String tag, long count) {
    }

    record TagsResponse(List<TagResponse> items) {
    }

    private static final String FIT = "How the Instagram copy reaches an allowed aspect ratio: cropped (the default) "
            + "or padded";
    private static final String PAD_COLOR = "The padding's colour; white when absent";
    private static final String PAD_COLOR_PATTERN = "#[0-9A-Fa-f]{6}";

    private final Assets assets;
    private final MediaUrls mediaUrls;

    AssetController(Assets assets, MediaUrls mediaUrls) {
        this.assets = assets;
        this.mediaUrls = mediaUrls;
    }

    /** 201 with the new asset; 200 with {@code duplicate: true} and the existing one when the same bytes are there. */
    @ApiResponse(responseCode = "201", description = "Uploaded", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "The same bytes are already in the library: that asset, with "
            + "`duplicate: true`", useReturnTypeSchema = true)
    @PostMapping(path = "/assets", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    ResponseEntity<AssetResponse> upload(@PathVariable UUID tenantId,
            @RequestPart("file") MultipartFile file,
            @RequestParam(name = "folder_id", required = false) UUID folderId,
            @RequestParam(name = "tags", required = false) List<String> tags,
            @RequestParam(name = "alt_text", required = false) String altText,
            @Schema(allowableValues = {"crop", "pad"}, description = FIT)
            @RequestParam(name = "fit", required = false) String fit,
            @Schema(pattern = PAD_COLOR_PATTERN, description = PAD_COLOR)
            @RequestParam(name = "pad_color", required = false) String padColor) {
        // The part is already on the container's disk: its size announces nothing that could spare a read, so its
        // content alone decides its kind and so its limit (a phone may label a video image/*).
        UploadedFile uploaded = new UploadedFile(file.getOriginalFilename(), file.getContentType(),
                UploadedFile.UNKNOWN_SIZE, file::getInputStream);
        return store(tenantId, uploaded, new NewAsset(folderId, tags, altText, fit, padColor));
    }

    /**
     * The same upload with the file as the request's body, read as it arrives: no multipart parsing, no copy of the
     * container's. Its own path, so that the API document describes it as an operation of its own and the multipart
     * form's stays a form. The name is the {@code filename} parameter, else the {@code Content-Disposition} header's,
     * else one made from the content ({@code image.jpg}).
     */
    @Operation(summary = "Upload a photo or video as the request body")
    @ApiResponse(responseCode = "201", description = "Uploaded", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "200", description = "The same bytes are already in the library: that asset, with "
            + "`duplicate: true`", useReturnTypeSchema = true)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, description = "The file itself, its "
            + "`Content-Type` one of the photo and video types (the content decides what the file is; a type that "
            + "contradicts it is refused with 415).",
            content = {
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "image/png", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "image/webp", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "video/mp4", schema = @Schema(type = "string", format = "binary")),
                    @Content(mediaType = "video/quicktime", schema = @Schema(type = "string", format = "binary"))})
    @PostMapping(path = "/assets/uploads", consumes = {"image/jpeg", "image/png", "image/webp", "video/mp4",
            "video/quicktime"})
    ResponseEntity<AssetResponse> uploadAssetFile(@PathVariable UUID tenantId, HttpServletRequest request,
            @Parameter(description = "The file's name; without it, a `Content-Disposition: attachment; "
                    + "filename=\"...\"` header's; without either, one made from the content, such as `image.jpg`")
            @RequestParam(name = "filename", required = false) String filename,
            @RequestParam(name = "folder_id", required = false) UUID folderId,
            @RequestParam(name = "tags", required = false) List<String> tags,
            @RequestParam(name = "alt_text", required = false) String altText,
            @Parameter(schema = @Schema(allowableValues = {"crop", "pad"}), description = FIT)
            @RequestParam(name = "fit", required = false) String fit,
            @Parameter(schema = @Schema(pattern = PAD_COLOR_PATTERN), description = PAD_COLOR)
            @RequestParam(name = "pad_color", required = false) String padColor) {
        String name = filename != null ? filename : filenameOf(request.getHeader(HttpHeaders.CONTENT_DISPOSITION));
        UploadedFile uploaded = new UploadedFile(name, request.getContentType(),
                request.getContentLengthLong(), request::getInputStream);
        return store(tenantId, uploaded, new NewAsset(folderId, tags, altText, fit, padColor));
    }

    /** The name in a {@code Content-Disposition: attachment; filename="..."} header (or its {@code filename*}). */
    private static String filenameOf(String contentDisposition) {
        if (contentDisposition == null || contentDisposition.isBlank()) {
            return null;
        }
        try {
            return ContentDisposition.parse(contentDisposition).getFilename();
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(HttpHeaders.CONTENT_DISPOSITION,
                    "must be like attachment; filename=\"dish.jpg\"");
        }
    }

    private ResponseEntity<AssetResponse> store(UUID tenantId, UploadedFile file, NewAsset details) {
        // Read once: copied to the upload's file and hashed on the way.
        Assets.Upload upload = assets.upload(new TenantId(tenantId), file, details);
        AssetResponse body = response(upload.asset(), upload.duplicate());  // false or true: always said on upload
        if (upload.duplicate()) {
            return ResponseEntity.ok(body);
        }
        // Both forms answer with the asset's own address, not one under the path they were posted to.
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/v1/tenants/{tenantId}/assets/{id}").buildAndExpand(tenantId, upload.asset().id().value())
                .toUri()).body(body);
    }

    @GetMapping("/assets")
    CursorPage<AssetResponse> list(@PathVariable UUID tenantId,
            @RequestParam(name = "folder_id", required = false) UUID folderId,
            @RequestParam(name = "include_subfolders", defaultValue = "false") boolean includeSubfolders,
            @RequestParam(name = "tag", required = false) List<String> tags,
            @RequestParam(name = "type", required = false) String type,
            @RequestParam(name = "name", required = false) String name,
            @RequestParam(name = "uploaded_from", required = false) Instant uploadedFrom,
            @RequestParam(name = "uploaded_to", required = false) Instant uploadedTo,
            @RequestParam(name = "sort", required = false) String sort,
            @Valid PageRequest page) {
        Assets.Query query = new Assets.Query(folderId, includeSubfolders, tags, type, name, uploadedFrom, uploadedTo,
                sort);
        CursorPage<BrandAsset> found = assets.list(new TenantId(tenantId), query, page.size(), page.cursor());
        return new CursorPage<>(found.items().stream().map(a -> response(a, null)).toList(), found.nextCursor());
    }

    @GetMapping("/assets/{assetId}")
    AssetResponse get(@PathVariable UUID tenantId, @PathVariable UUID assetId) {
        return response(assets.get(new TenantId(tenantId), new AssetId(assetId)), null);
    }

    @PatchMapping("/assets/{assetId}")
    AssetResponse change(@PathVariable UUID tenantId, @PathVariable UUID assetId,
            @Valid @RequestBody AssetChanges changes) {
        return response(assets.change(new TenantId(tenantId), new AssetId(assetId), changes), null);
    }

    /** Chooses a video's cover: a frame of it, or a photo of the library. */
    @PutMapping("/assets/{assetId}/cover")
    AssetResponse cover(@PathVariable UUID tenantId, @PathVariable UUID assetId,
            @Valid @RequestBody VideoCover cover) {
        return response(assets.cover(new TenantId(tenantId), new AssetId(assetId), cover), null);
    }

    /** Goes back to the frame chosen at upload. */
    @DeleteMapping("/assets/{assetId}/cover")
    AssetResponse removeCover(@PathVariable UUID tenantId, @PathVariable UUID assetId) {
        return response(assets.cover(new TenantId(tenantId), new AssetId(assetId), null), null);
    }

    @DeleteMapping("/assets/{assetId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID tenantId, @PathVariable UUID assetId) {
        assets.delete(new TenantId(tenantId), new AssetId(assetId));
    }

    @GetMapping("/tags")
    TagsResponse listTags(@PathVariable UUID tenantId) {
        return new TagsResponse(assets.tags(new TenantId(tenantId)).stream()
                .map(t -> new TagResponse(t.tag(), t.count())).toList());
    }

    private AssetResponse response(BrandAsset asset, Boolean duplicate) {
        MediaUrls.MediaUrl original = mediaUrls.urlOf(asset, AssetVariant.ORIGINAL);
        Urls urls = new Urls(original.url(), mediaUrls.urlOf(asset, AssetVariant.THUMBNAIL).url(),
                mediaUrls.urlOf(asset, AssetVariant.INSTAGRAM).url(), mediaUrls.urlOf(asset, AssetVariant.POSTER).url(),
                original.expiresAt());
        return new AssetResponse(asset.id().value(), asset.video() ? "video" : "photo", asset.folderId(),
                asset.filename(), asset.fileType(), asset.fileSize(), asset.contentSha256(), asset.tags(),
                asset.altText(), asset.metadata(), asset.uploadedAt(), asset.updatedAt(), video(asset), urls,
                duplicate);
    }

    @SuppressWarnings("unchecked")
    private static VideoFacts video(BrandAsset asset) {
        if (!asset.video()) {
            return null;
        }
        MediaFacts facts = asset.facts();
        Map<String, Object> video = asset.metadata().get("video") instanceof Map<?, ?> map
                ? (Map<String, Object>) map : Map.of();
        return new VideoFacts(facts.durationMillis(), facts.width(), facts.height(),
                video.get("rotation") instanceof Number n ? n.intValue() : 0, facts.frameRate(), facts.videoCodec(),
                facts.audioCodec(), facts.bitrate(),
                video.get("poster_offset_ms") instanceof Number n ? n.longValue() : 0,
                video.get("cover") instanceof Map<?, ?> cover ? (Map<String, Object>) cover : null);
    }
}
