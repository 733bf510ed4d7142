package io.forkcast.assets;

import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import jakarta.persistence.EntityManager;
import jakarta.persistence.criteria.CriteriaBuilder;
import jakarta.persistence.criteria.CriteriaQuery;
import jakarta.persistence.criteria.Order;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Root;
import jakarta.persistence.criteria.Subquery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.springframework.util.unit.DataSize;

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.UUID;

/**
 * The brand asset library of each tenant: upload (validated by content, deduplicated by SHA-256, derivatives
 * computed once), search, changes and deletion. Bytes and rows go together: a failed upload leaves neither a row
 * without bytes nor bytes without a row, and deleted rows take their files with them once the deletion commits.
 */
@Service
public class Assets {

    private static final Logger log = LoggerFactory.getLogger(Assets.class);

    /** An uploaded file's bytes, read once (the web layer opens the multipart part or the request's own body). */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /** The outcome of an upload: the asset, and whether it already existed (same bytes in the same tenant). */
    public record Upload(BrandAsset asset, boolean duplicate) {
    }

    /** Filters and order of a listing; every member is optional. */
    public record Query(UUID folderId, boolean includeSubfolders, List<String> tags, String type, String name,
            Instant uploadedFrom, Instant uploadedTo, String sort) {
    }

    /** A tag and how many of the tenant's assets carry it. */
    public record TagCount(String tag, long count) {
    }

    /**
     * Stored bytes of an asset variant, to stream to a client: opened afresh for each read, so that a player can ask
     * for ranges of a video. {@code version}: of the stored file, as the media URL names it
     * ({@link MediaUrls#version}); {@code file}: where the bytes are on this machine's disk when the store keeps files
     * (null otherwise), so that the web server can send them without copying them through the JVM.
     */
    public record Media(Content content, String mediaType, Long length, String version, Path file) {
    }

    enum Sort {
        UPLOADED_DESC("-uploaded_at"), UPLOADED_ASC("uploaded_at"), NAME_ASC("name"), NAME_DESC("-name");

        final String wire;

        Sort(String wire) {
            this.wire = wire;
        }

        static Sort of(String value) {
            if (value == null || value.isBlank()) {
                return UPLOADED_DESC;
            }
            for (Sort sort : values()) {
                if (sort.wire.equals(value.strip())) {
                    return sort;
                }
            }
            throw new InvalidFieldException("sort", "must be one of -uploaded_at, uploaded_at, name, -name");
        }
    }

    private final BrandAssetRepository assets;
    private final AssetTagRepository tags;
    private final BrandFolderRepository folders;
    private final ImagePipeline pipeline;
    private final VideoPipeline videos;
    private final MediaStore store;
    private final Tenants tenants;
    private final CurrentTenant currentTenant;
    private final ObjectProvider<AssetUsage> usages;
    private final ApplicationEventPublisher events;
    private final EntityManager entityManager;
    private final TransactionTemplate transactions;
    private final TransactionTemplate reads;
    private final AssetsProperties properties;
    private final Clock clock;
    /**
     * What the public media route read of an asset's variant, trusted for {@code public-media-cache-ttl} when a link
     * names the same version: a burst of fetches (Meta downloading the photos of posts due at one minute) does not
     * take a database connection each. A link naming another version always reads the database.
     */
    private final Cache<PublicVariant, PublicFile> publicFiles;

    private record PublicVariant(UUID assetId, AssetVariant variant) {
    }

    private record PublicFile(String key, String mediaType, Long length, String version) {
    }

    Assets(BrandAssetRepository assets, AssetTagRepository tags, BrandFolderRepository folders,
            ImagePipeline pipeline, VideoPipeline videos, MediaStore store, Tenants tenants, CurrentTenant currentTenant,
            ObjectProvider<AssetUsage> usages, ApplicationEventPublisher events, EntityManager entityManager,
            PlatformTransactionManager transactionManager, AssetsProperties properties, Clock clock) {
        this.assets = assets;
        this.tags = tags;
        this.folders = folders;
        this.pipeline = pipeline;
        this.videos = videos;
        this.store = store;
        this.tenants = tenants;
        this.currentTenant = currentTenant;
        this.usages = usages;
        this.events = events;
        this.entityManager = entityManager;
        this.transactions = new TransactionTemplate(transactionManager);
        // Reads outside the upload's short write transaction still need one: on PostgreSQL the transaction is what
        // tells row-level security which tenant is asking.
        this.reads = new TransactionTemplate(transactionManager);
        this.reads.setReadOnly(true);
        this.properties = properties;
        this.clock = clock;
        this.publicFiles = Caffeine.newBuilder().maximumSize(10_000)
                .expireAfterWrite(properties.publicMediaCacheTtl()).build();
    }

    /**
     * Uploads an image or a video. Not one transaction: the file is checked and processed, and its bytes stored, before a
     * short transaction inserts the row; if that fails, the stored bytes are deleted again.
     */
    public Upload upload(TenantId tenantId, UploadedFile file, NewAsset details) {
        UUID tenant = tenantId.value();
        if (tenants.find(tenantId).isEmpty()) {
            throw DomainException.notFound("Tenant");
        }
        if (details.folderId() != null
                && reads.execute(status -> folders.findByTenantIdAndId(tenant, details.folderId())).isEmpty()) {
            throw DomainException.notFound("Folder");
        }
        List<String> tagList = AssetRules.tags(details.tags(), "tags");
        String altText = AssetRules.altText(details.altText());
        ImagePipeline.Fit fit = AssetRules.fit(details.fit());
        Color padColor = AssetRules.padColor(details.padColor());
        refuseDeclaredSizeOverLimit(file);
        Path temporary = null;
        try {
            temporary = Files.createTempFile("forkcast-upload-", ".bin");
            Received received;
            String sha256;
            try (ContentHash hash = ContentHash.sha256()) {
                received = receive(file, temporary, hash);
                sha256 = hash.hex();
            }
            if (received.size() == 0) {
                throw new InvalidFieldException("file", "is empty");
            }
            if (received.video() != null) {
                Optional<BrandAsset> existing = reads.execute(status ->
                        assets.findByTenantIdAndContentSha256(tenant, sha256));
                if (existing.isPresent()) {
                    return new Upload(existing.get(), true);
                }
                VideoPipeline.Probed probed = videos.probe(temporary, received.video(), received.size());
                return storeVideo(tenant, file.name(), details, tagList, altText, temporary, received.size(),
                        received.video(), sha256, probed);
            }
            ImageFormat format = received.image();
            Optional<BrandAsset> existing = reads.execute(status -> assets.findByTenantIdAndContentSha256(tenant, sha256));
            if (existing.isPresent()) {
                return new Upload(existing.get(), true);
            }
            ImagePipeline.Processed processed = pipeline.process(temporary, format, fit, padColor);
            return store(tenant, file.name(), details, tagList, altText, fit, padColor, temporary, received.size(),
                    format, sha256, processed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private Upload storeVideo(UUID tenant, String clientName, NewAsset details, List<String> tagList,
            String altText, Path file, long size, VideoFormat format, String sha256, VideoPipeline.Probed probed)
            throws IOException {
        UUID id = Ids.newId();
        String prefix = AssetRules.assetPrefix(tenant, id);
        String originalKey = prefix + "/original." + format.extension;
        String thumbnailKey = prefix + "/thumbnail-" + probed.poster().offsetMillis() + ".jpg";
        String posterKey = prefix + "/poster-" + probed.poster().offsetMillis() + ".jpg";
        Map<String, Object> metadata = VideoMetadata.of(probed, format, size);
        String filename = AssetRules.sanitiseFilename(clientName, format.extension, "video");
        return insert(tenant, id, prefix, sha256, () -> {
            store.take(originalKey, file, format.mediaType);
            store.put(thumbnailKey, probed.poster().thumbnail().bytes(), ImageFormat.JPEG.mediaType);
            store.put(posterKey, probed.poster().full().bytes(), ImageFormat.JPEG.mediaType);
            return new BrandAsset(id, tenant, details.folderId(), filename, store.locationOf(originalKey),
                    format.mediaType, size, sha256, tagList, metadata, altText, originalKey, thumbnailKey, posterKey,
                    clock.instant());
        });
    }

    /** Stores an asset's files, then its row in a short transaction; on any failure the files go again. */
    private Upload insert(UUID tenant, UUID id, String prefix, String sha256, StoredFiles files) throws IOException {
        try {
            BrandAsset row = files.put();
            BrandAsset asset = transactions.execute(status -> {
                BrandAsset created = assets.saveAndFlush(row);
                tags.saveAllAndFlush(row.tags().stream().map(tag -> new AssetTag(tenant, id, tag)).toList());
                events.publishEvent(new AssetChanged(new TenantId(created.tenantId()), created.id(), AssetChanged.Change.UPLOADED,
                        created.filename(), null));
                return created;
            });
            return new Upload(asset, false);
        } catch (DataIntegrityViolationException e) {
            deleteStored(prefix);
            // The same bytes won a race from another request, or the folder was deleted meanwhile.
            return reads.execute(status -> assets.findByTenantIdAndContentSha256(tenant, sha256))
                    .map(winner -> new Upload(winner, true))
                    .orElseThrow(() -> DomainException.conflict("The folder was deleted during the upload; try again."));
        } catch (IOException | RuntimeException e) {
            deleteStored(prefix);
            throw e;
        }
    }

    @FunctionalInterface
    private interface StoredFiles {
        BrandAsset put() throws IOException;
    }

    private Upload store(UUID tenant, String clientName, NewAsset details, List<String> tagList, String altText,
            ImagePipeline.Fit fit, Color padColor, Path file, long size, ImageFormat format, String sha256,
            ImagePipeline.Processed processed) throws IOException {
        UUID id = Ids.newId();
        String prefix = AssetRules.assetPrefix(tenant, id);
        String originalKey = prefix + "/original." + format.extension;
        String thumbnailKey = prefix + "/thumbnail." + processed.thumbnail().format().extension;
        String instagramKey = prefix + "/instagram.jpg";
        Map<String, Object> metadata = metadata(processed, size, format, fit, padColor);
        String filename = AssetRules.sanitiseFilename(clientName, format.extension, "image");
        return insert(tenant, id, prefix, sha256, () -> {
            store.take(originalKey, file, format.mediaType);
            store.put(thumbnailKey, processed.thumbnail().bytes(), processed.thumbnail().format().mediaType);
            store.put(instagramKey, processed.instagram().bytes(), ImageFormat.JPEG.mediaType);
            return new BrandAsset(id, tenant, details.folderId(), filename, store.locationOf(originalKey),
                    format.mediaType, size, sha256, tagList, metadata, altText, originalKey, thumbnailKey,
                    instagramKey, clock.instant());
        });
    }

    private static Map<String, Object> metadata(ImagePipeline.Processed processed, long size, ImageFormat format,
            ImagePipeline.Fit fit, Color padColor) {
        Map<String, Object> original = new LinkedHashMap<>();
        original.put("width", processed.width());
        original.put("height", processed.height());
        original.put("format", format.name().toLowerCase(Locale.ROOT));
        original.put("size", size);
        original.put("aspect", round((double) processed.displayWidth() / processed.displayHeight()));
        original.put("orientation", processed.orientation());
        original.put("display_width", processed.displayWidth());
        original.put("display_height", processed.displayHeight());
        Map<String, Object> instagram = describe(processed.instagram());
        instagram.put("fit", fit.name().toLowerCase(Locale.ROOT));
        if (fit == ImagePipeline.Fit.PAD) {
            instagram.put("pad_color", AssetRules.hex(padColor));
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("original", original);
        metadata.put("thumbnail", describe(processed.thumbnail()));
        metadata.put("instagram", instagram);
        return metadata;
    }

    private static Map<String, Object> describe(ImagePipeline.Derivative derivative) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("width", derivative.width());
        map.put("height", derivative.height());
        map.put("format", derivative.format().name().toLowerCase(Locale.ROOT));
        map.put("size", derivative.bytes().length);
        map.put("aspect", round(derivative.aspect()));
        return map;
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** What the upload's first bytes say it is: a photo or a video, never both. */
    private record Received(long size, ImageFormat image, VideoFormat video) {
    }

    /**
     * Copies the upload to a file and hashes it on the way, in one pass. Its first bytes decide what it is (a photo
     * named or declared as a video is refused) and so its size limit, which stops the copy as soon as it is passed.
     */
    private Received receive(UploadedFile file, Path target, ContentHash hash) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = file.content().open(); OutputStream out = Files.newOutputStream(target)) {
            int head = in.readNBytes(buffer, 0, ImageFormat.SNIFF_LENGTH);
            if (head == 0) {
                return new Received(0, null, null);
            }
            Optional<ImageFormat> image = ImageFormat.sniff(buffer, head);
            Optional<VideoFormat> video = image.isPresent() ? Optional.empty() : VideoFormat.sniff(buffer, head);
            String videoLabel = videoLabel(file);
            if (image.isEmpty() && video.isEmpty()) {
                throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, videoLabel != null
                        ? "The file is " + videoLabel + " but its content is neither MP4 nor MOV (judged by its "
                                + "content, not its name); upload an MP4 or MOV video."
                        : "The file is not a JPEG, PNG or WebP image, nor an MP4 or MOV video (judged by its content, "
                                + "not its name).");
            }
            if (image.isPresent() && videoLabel != null) {
                throw new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "The file is " + videoLabel
                        + " but its content is a " + image.get().name()
                        + " image; upload the video itself, or the image under its own name and type.");
            }
            boolean isVideo = video.isPresent();
            long limit = uploadLimit(isVideo).toBytes();
            long size = 0;
            for (int read = head; read >= 0; read = in.read(buffer)) {
                size += read;
                if (size > limit) {
                    throw tooLarge(isVideo);
                }
                hash.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
            return new Received(size, image.orElse(null), video.orElse(null));
        }
    }

    /**
     * A file announced larger than the limit of the kind its declared type names is refused before its body is
     * read: the client learns at once (with {@code Expect: 100-continue} before sending it), and nothing is sent
     * only to be thrown away. A file without such a type is held to its content's limit as it is read.
     */
    private void refuseDeclaredSizeOverLimit(UploadedFile file) {
        String declared = baseType(file.declaredType());
        boolean declaredVideo = VideoFormat.isVideo(declared);
        boolean declaredImage = declared.startsWith("image/");
        if (file.declaredSize() != UploadedFile.UNKNOWN_SIZE && (declaredVideo || declaredImage)
                && file.declaredSize() > uploadLimit(declaredVideo).toBytes()) {
            throw tooLarge(declaredVideo);
        }
    }

    private DataSize uploadLimit(boolean video) {
        return video ? properties.maxVideoUploadSize() : properties.maxUploadSize();
    }

    private DomainException tooLarge(boolean video) {
        String kind = video ? "video" : "image";
        return new DomainException(HttpStatus.CONTENT_TOO_LARGE, "The " + kind + " is larger than the limit of "
                + uploadLimit(video).toMegabytes() + " MB for " + kind + "s.");
    }

    /** A media type without its parameters, in lower case; empty for none. */
    private static String baseType(String mediaType) {
        return mediaType == null ? "" : mediaType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    }

    /**
     * What says the file is a video, for a sentence: its name ({@code named like a video (.mp4)}) or its declared
     * type ({@code declared as video/mp4}); {@code null} when neither does.
     */
    private static String videoLabel(UploadedFile file) {
        if (VideoFormat.namedAsVideo(file.name())) {
            return "named like a video (" + AssetRules.extensionOf(file.name()) + ")";
        }
        String declared = baseType(file.declaredType());
        if (VideoFormat.isVideo(declared)) {
            return "declared as "
                    + VideoFormat.fromMediaType(declared).map(format -> format.mediaType).orElse("a video");
        }
        return null;
    }

    @Transactional(readOnly = true)
    public BrandAsset get(TenantId tenantId, AssetId assetId) {
        return assets.findByTenantIdAndId(tenantId.value(), assetId.value())
                .orElseThrow(() -> DomainException.notFound("Asset"));
    }

    @Transactional(readOnly = true)
    public CursorPage<BrandAsset> list(TenantId tenantId, Query query, int limit, String cursor) {
        UUID tenant = tenantId.value();
        Sort sort = Sort.of(query.sort());
        CriteriaBuilder cb = entityManager.getCriteriaBuilder();
        CriteriaQuery<BrandAsset> criteria = cb.createQuery(BrandAsset.class);
        Root<BrandAsset> asset = criteria.from(BrandAsset.class);
        List<Predicate> where = new ArrayList<>();
        where.add(cb.equal(asset.get("tenantId"), tenant));
        if (query.folderId() != null) {
            BrandFolder folder = folders.findByTenantIdAndId(tenant, query.folderId())
                    .orElseThrow(() -> DomainException.notFound("Folder"));
            if (query.includeSubfolders()) {
                List<UUID> ids = folders.findSubtree(tenant, folder.path(), Folders.likeBelow(folder.path()))
                        .stream().map(BrandFolder::id).toList();
                where.add(asset.get("folderId").in(ids));
            } else {
                where.add(cb.equal(asset.get("folderId"), folder.id()));
            }
        }
        for (String tag : AssetRules.tags(query.tags(), "tag")) {
            Subquery<Integer> tagged = criteria.subquery(Integer.class);
            Root<AssetTag> assetTag = tagged.from(AssetTag.class);
            tagged.select(cb.literal(1)).where(
                    cb.equal(assetTag.get("tenantId"), tenant),
                    cb.equal(assetTag.get("assetId"), asset.get("id")),
                    cb.equal(assetTag.get("tag"), tag));
            where.add(cb.exists(tagged));
        }
        if (query.type() != null && !query.type().isBlank()) {
            String type = query.type().strip().toLowerCase(Locale.ROOT);
            if (type.equals("photo") || type.equals("video")) {
                where.add(cb.like(asset.get("fileType"), type.equals("photo") ? "image/%" : "video/%"));
            } else {
                String mediaType = ImageFormat.fromMediaType(type).map(format -> format.mediaType)
                        .or(() -> VideoFormat.fromMediaType(type).map(format -> format.mediaType))
                        .orElseThrow(() -> new InvalidFieldException("type", "must be photo, video, jpeg, png, webp, "
                                + "mp4 or mov (or their media types)"));
                where.add(cb.equal(asset.get("fileType"), mediaType));
            }
        }
        if (query.name() != null && !query.name().isBlank()) {
            String pattern = "%" + escapeLike(query.name().strip().toLowerCase(Locale.ROOT)) + "%";
            where.add(cb.like(cb.lower(asset.get("filename")), pattern, '\\'));
        }
        if (query.uploadedFrom() != null) {
            where.add(cb.greaterThanOrEqualTo(asset.get("uploadedAt"), query.uploadedFrom()));
        }
        if (query.uploadedTo() != null) {
            where.add(cb.lessThan(asset.get("uploadedAt"), query.uploadedTo()));
        }
        if (query.uploadedFrom() != null && query.uploadedTo() != null
                && !query.uploadedFrom().isBefore(query.uploadedTo())) {
            throw new InvalidFieldException("uploaded_to", "must be after uploaded_from");
        }
        if (cursor != null && !cursor.isBlank()) {
            where.add(after(cb, asset, sort, Cursor.decode(cursor, sort)));
        }
        String field = sort == Sort.NAME_ASC || sort == Sort.NAME_DESC ? "filename" : "uploadedAt";
        boolean ascending = sort == Sort.NAME_ASC || sort == Sort.UPLOADED_ASC;
        List<Order> order = ascending
                ? List.of(cb.asc(asset.get(field)), cb.asc(asset.get("id")))
                : List.of(cb.desc(asset.get(field)), cb.desc(asset.get("id")));
        criteria.select(asset).where(where.toArray(Predicate[]::new)).orderBy(order);
        List<BrandAsset> rows = entityManager.createQuery(criteria).setMaxResults(limit + 1).getResultList();
        boolean more = rows.size() > limit;
        List<BrandAsset> page = more ? rows.subList(0, limit) : rows;
        String next = more ? Cursor.of(page.getLast(), sort).encode() : null;
        return new CursorPage<>(List.copyOf(page), next);
    }

    /** A position in a sorted listing: the sort key and the id of the last asset returned. */
    private record Cursor(String name, Instant uploadedAt, UUID id) {

        static Cursor of(BrandAsset asset, Sort sort) {
            boolean byName = sort == Sort.NAME_ASC || sort == Sort.NAME_DESC;
            return new Cursor(byName ? asset.filename() : null, byName ? null : asset.uploadedAt(), asset.uuid());
        }

        String encode() {
            String key = name != null ? "n" + name : "u" + uploadedAt.getEpochSecond() + "." + uploadedAt.getNano();
            byte[] text = key.getBytes(StandardCharsets.UTF_8);
            ByteBuffer buffer = ByteBuffer.allocate(16 + text.length);
            buffer.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).put(text);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer.array());
        }

        static Cursor decode(String cursor, Sort sort) {
            try {
                ByteBuffer buffer = ByteBuffer.wrap(Base64.getUrlDecoder().decode(cursor));
                UUID id = new UUID(buffer.getLong(), buffer.getLong());
                String key = StandardCharsets.UTF_8.decode(buffer).toString();
                boolean byName = sort == Sort.NAME_ASC || sort == Sort.NAME_DESC;
                if (byName && key.startsWith("n")) {
                    return new Cursor(key.substring(1), null, id);
                }
                if (!byName && key.startsWith("u")) {
                    String[] parts = key.substring(1).split("\\.");
                    return new Cursor(null, Instant.ofEpochSecond(Long.parseLong(parts[0]), Long.parseLong(parts[1])), id);
                }
            } catch (RuntimeException invalid) {
                // Answered below.
            }
            throw DomainException.badRequest("cursor is not valid for this sort: pass the next_cursor of the "
                    + "previous page with the same sort");
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Predicate after(CriteriaBuilder cb, Root<BrandAsset> asset, Sort sort, Cursor cursor) {
        boolean byName = sort == Sort.NAME_ASC || sort == Sort.NAME_DESC;
        boolean ascending = sort == Sort.NAME_ASC || sort == Sort.UPLOADED_ASC;
        jakarta.persistence.criteria.Path key = asset.get(byName ? "filename" : "uploadedAt");
        Comparable value = byName ? cursor.name() : cursor.uploadedAt();
        jakarta.persistence.criteria.Path<UUID> id = asset.get("id");
        return ascending
                ? cb.or(cb.greaterThan(key, value), cb.and(cb.equal(key, value), cb.greaterThan(id, cursor.id())))
                : cb.or(cb.lessThan(key, value), cb.and(cb.equal(key, value), cb.lessThan(id, cursor.id())));
    }

    static String escapeLike(String value) {
        return value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }

    @Transactional
    public BrandAsset change(TenantId tenantId, AssetId assetId, AssetChanges changes) {
        UUID tenant = tenantId.value();
        BrandAsset asset = get(tenantId, assetId);
        Instant now = clock.instant();
        List<String> edited = new ArrayList<>();
        if (changes.filename() != null) {
            edited.add("filename");
            asset.rename(AssetRules.newFilename(changes.filename()), now);
        }
        Optional<Optional<UUID>> folderChange = changes.folderChange();
        if (folderChange.isPresent()) {
            UUID folderId = folderChange.get().orElse(null);
            if (folderId != null && folders.findByTenantIdAndId(tenant, folderId).isEmpty()) {
                throw DomainException.notFound("Folder");
            }
            asset.moveTo(folderId, now);
            edited.add("folder");
        }
        if (changes.tags() != null) {
            List<String> tagList = AssetRules.tags(changes.tags(), "tags");
            asset.retag(tagList, now);
            edited.add("tags");
            tags.deleteByAsset(tenant, asset.uuid());
            tags.saveAll(tagList.stream().map(tag -> new AssetTag(tenant, asset.uuid(), tag)).toList());
        }
        if (changes.altText() != null) {
            asset.describe(AssetRules.altText(changes.altText()), now);
            edited.add("alt text");
        }
        BrandAsset saved = assets.saveAndFlush(asset);
        events.publishEvent(new AssetChanged(tenantId, assetId, AssetChanged.Change.EDITED, saved.filename(),
                edited.isEmpty() ? "nothing" : String.join(", ", edited)));
        return saved;
    }

    /**
     * Sets a video's cover: a frame (its poster is made again from the stored video, outside any transaction) or a
     * photo of the same library. {@code null} goes back to the frame chosen at upload.
     */
    public BrandAsset cover(TenantId tenantId, AssetId assetId, VideoCover cover) {
        UUID tenant = tenantId.value();
        BrandAsset asset = reads.execute(status -> get(tenantId, assetId));
        if (!asset.video()) {
            throw DomainException.badRequest("Only a video has a cover; '" + asset.filename() + "' is a photo.");
        }
        Map<String, Object> video = VideoMetadata.section(asset.metadata(), "video");
        long duration = ((Number) video.getOrDefault("duration_ms", 0L)).longValue();
        if (cover != null && (cover.offsetMs() == null) == (cover.assetId() == null)) {
            throw new InvalidFieldException("offset_ms", "give either offset_ms (a frame) or asset_id (a photo)");
        }
        if (cover == null || cover.offsetMs() != null) {
            long offset = cover == null ? VideoPipeline.defaultPosterMillis(duration) : cover.offsetMs();
            if (offset >= duration) {
                throw new InvalidFieldException("offset_ms", "must be less than the video's duration, " + duration
                        + " ms");
            }
            Map<String, Object> chosen = cover == null ? null : Map.of("offset_ms", offset);
            return newPoster(tenant, asset, offset, chosen);
        }
        BrandAsset photo = reads.execute(status -> assets.findByTenantIdAndId(tenant, cover.assetId()))
                .orElseThrow(() -> new InvalidFieldException("asset_id", "No asset " + cover.assetId()
                        + " in the library."));
        if (photo.video()) {
            throw new InvalidFieldException("asset_id", "must be a photo; '" + photo.filename() + "' is a video");
        }
        return transactions.execute(status -> {
            BrandAsset current = get(tenantId, assetId);
            current.cover(current.keyOf(AssetVariant.THUMBNAIL), current.keyOf(AssetVariant.POSTER),
                    VideoMetadata.withCover(current.metadata(), null, Map.of("asset_id", photo.uuid().toString())),
                    clock.instant());
            events.publishEvent(new AssetChanged(tenantId, assetId, AssetChanged.Change.EDITED, current.filename(),
                    "cover: the photo " + photo.filename()));
            return assets.saveAndFlush(current);
        });
    }

    private BrandAsset newPoster(UUID tenant, BrandAsset asset, long offset, Map<String, Object> chosen) {
        String prefix = AssetRules.assetPrefix(tenant, asset.uuid());
        String thumbnailKey = prefix + "/thumbnail-" + offset + ".jpg";
        String posterKey = prefix + "/poster-" + offset + ".jpg";
        String oldThumbnail = asset.keyOf(AssetVariant.THUMBNAIL);
        String oldPoster = asset.keyOf(AssetVariant.POSTER);
        boolean sameFrame = posterKey.equals(oldPoster);
        VideoPipeline.Poster poster = null;
        Path temporary = null;
        try {
            if (!sameFrame) {
                temporary = Files.createTempFile("forkcast-cover-", ".bin");
                try (InputStream in = store.open(asset.keyOf(AssetVariant.ORIGINAL)).orElseThrow(() ->
                        DomainException.conflict("The video's file is missing; upload it again."))) {
                    Files.copy(in, temporary, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
                int rotation = ((Number) VideoMetadata.section(asset.metadata(), "video")
                        .getOrDefault("rotation", 0)).intValue();
                poster = videos.posterAt(temporary, offset, rotation);
                store.put(thumbnailKey, poster.thumbnail().bytes(), ImageFormat.JPEG.mediaType);
                store.put(posterKey, poster.full().bytes(), ImageFormat.JPEG.mediaType);
            }
            VideoPipeline.Poster made = poster;
            BrandAsset saved = transactions.execute(status -> {
                BrandAsset current = get(new TenantId(tenant), asset.id());
                current.cover(thumbnailKey, posterKey, VideoMetadata.withCover(current.metadata(), made, chosen),
                        clock.instant());
                events.publishEvent(new AssetChanged(new TenantId(current.tenantId()), current.id(), AssetChanged.Change.EDITED,
                        current.filename(), "cover: the frame at " + offset + " ms"));
                return assets.saveAndFlush(current);
            });
            if (!sameFrame) {
                deleteQuietly(store, oldThumbnail);
                deleteQuietly(store, oldPoster);
            }
            return saved;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            if (!sameFrame) {
                deleteQuietly(store, thumbnailKey);
                deleteQuietly(store, posterKey);
            }
            throw e;
        } finally {
            deleteQuietly(temporary);
        }
    }

    private static void deleteQuietly(MediaStore store, String key) {
        try {
            store.delete(key);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete the replaced poster {}: {}", key, e.toString());
        }
    }

    /** Why videos are refused on this instance; empty when they are taken. */
    public Optional<String> videoUnavailable() {
        return videos.unavailable();
    }

    /** Deletes an asset unless something still uses it (409); its files go once the deletion commits. */
    @Transactional
    public void delete(TenantId tenantId, AssetId assetId) {
        BrandAsset asset = get(tenantId, assetId);
        refuseIfUsed(tenantId, List.of(asset));
        assets.delete(asset);
        assets.flush();
        deleteFilesAfterCommit(tenantId, List.of(asset));
    }

    void refuseIfUsed(TenantId tenantId, Collection<BrandAsset> candidates) {
        for (AssetUsage usage : usages) {
            for (BrandAsset asset : candidates) {
                if (usage.blocksDeletion(tenantId, asset.id())) {
                    throw DomainException.conflict("The asset '" + asset.filename() + "' cannot be deleted: "
                            + usage.reason() + ".");
                }
            }
        }
    }

    /** Announces each deletion (in the current transaction) and deletes the assets' files once it commits. */
    void deleteFilesAfterCommit(TenantId tenantId, Collection<BrandAsset> deleted) {
        List<String> prefixes = deleted.stream().map(a -> AssetRules.assetPrefix(a.tenantId(), a.uuid())).toList();
        for (BrandAsset asset : deleted) {
            events.publishEvent(new AssetChanged(tenantId, asset.id(), AssetChanged.Change.DELETED, asset.filename(),
                    null));
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                prefixes.forEach(Assets.this::deleteStored);
                // This instance forgets them at once; another finds their files gone (or its cache expired).
                deleted.forEach(asset -> publicFiles.asMap().keySet()
                        .removeIf(key -> key.assetId().equals(asset.uuid())));
            }
        });
    }

    @Transactional(readOnly = true)
    public List<TagCount> tags(TenantId tenantId) {
        return tags.countByTag(tenantId.value()).stream()
                .map(row -> new TagCount((String) row[0], ((Number) row[1]).longValue()))
                .toList();
    }

    /**
     * The bytes of an asset variant for the public media route, after its signature was checked: the route has
     * no tenant, so this one lookup crosses tenants, by asset id only.
     */
    public Optional<Media> openForPublicRoute(AssetId assetId, AssetVariant variant) {
        return openForPublicRoute(assetId, variant, null);
    }

    /**
     * The stored file of an asset's variant for the public route, when the link names {@code version}: what was read
     * of that version within {@code public-media-cache-ttl} is trusted without the database (the file itself is still
     * looked for in the store, so a deleted asset answers nothing at once). Another version, or none, reads the
     * database.
     */
    public Optional<Media> openForPublicRoute(AssetId assetId, AssetVariant variant, String version) {
        PublicVariant cacheKey = new PublicVariant(assetId.value(), variant);
        PublicFile file = publicFiles.getIfPresent(cacheKey);
        if (file == null || version == null || !version.equals(file.version())) {
            Optional<BrandAsset> asset = currentTenant.callAsPlatform("public media URL with a valid signature",
                    () -> reads.execute(status -> assets.findById(assetId.value())));
            if (asset.isEmpty()) {
                publicFiles.invalidate(cacheKey);
                return Optional.empty();
            }
            BrandAsset found = asset.get();
            String key = found.keyOf(variant);
            file = new PublicFile(key, found.mediaTypeOf(variant), lengthOf(found, variant), MediaUrls.version(key));
            publicFiles.put(cacheKey, file);
        }
        String key = file.key();
        Path local;
        try {
            local = store.localFile(key).orElse(null);
            if (local == null && !store.exists(key)) {
                publicFiles.invalidate(cacheKey);
                return Optional.empty();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Content content = () -> store.open(key).orElseThrow(() -> new java.io.FileNotFoundException("media gone"));
        return Optional.of(new Media(content, file.mediaType(), file.length(), file.version(), local));
    }

    private static Long lengthOf(BrandAsset asset, AssetVariant variant) {
        if (variant == AssetVariant.ORIGINAL) {
            return asset.fileSize();
        }
        String section = variant == AssetVariant.POSTER ? AssetVariant.INSTAGRAM.wireName() : variant.wireName();
        return VideoMetadata.section(asset.metadata() == null ? Map.of() : asset.metadata(), section)
                .get("size") instanceof Number size ? size.longValue() : null;
    }

    private void deleteStored(String prefix) {
        try {
            store.deleteAll(prefix);
        } catch (IOException | RuntimeException e) {
            log.warn("Could not delete stored media under {}: {}", prefix, e.toString());
        }
    }

    private static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not delete the temporary upload {}", file);
        }
    }
}
