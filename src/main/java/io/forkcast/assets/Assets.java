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

import java.awt.Color;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    /** An uploaded file's bytes, read once (the web layer opens the multipart part). */
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

    /** Stored bytes of an asset variant, to stream to a client. */
    public record Media(InputStream content, String mediaType, Long length) {
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

    Assets(BrandAssetRepository assets, AssetTagRepository tags, BrandFolderRepository folders,
            ImagePipeline pipeline, MediaStore store, Tenants tenants, CurrentTenant currentTenant,
            ObjectProvider<AssetUsage> usages, ApplicationEventPublisher events, EntityManager entityManager,
            PlatformTransactionManager transactionManager, AssetsProperties properties, Clock clock) {
        this.assets = assets;
        this.tags = tags;
        this.folders = folders;
        this.pipeline = pipeline;
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
    }

    /**
     * Uploads an image. Not one transaction: the image is checked and processed, and its bytes stored, before a
     * short transaction inserts the row; if that fails, the stored bytes are deleted again.
     */
    public Upload upload(TenantId tenantId, NewAsset details, Content content) {
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
        Path temporary = null;
        try {
            temporary = Files.createTempFile("forkcast-upload-", ".bin");
            MessageDigest digest = sha256();
            long size = receive(content, temporary, digest);
            if (size == 0) {
                throw new InvalidFieldException("file", "is empty");
            }
            ImageFormat format = sniff(temporary);
            String sha256 = HexFormat.of().formatHex(digest.digest());
            Optional<BrandAsset> existing = reads.execute(status -> assets.findByTenantIdAndContentSha256(tenant, sha256));
            if (existing.isPresent()) {
                return new Upload(existing.get(), true);
            }
            ImagePipeline.Processed processed = pipeline.process(temporary, format, fit, padColor);
            return store(tenant, details, tagList, altText, fit, padColor, temporary, size, format, sha256, processed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    private Upload store(UUID tenant, NewAsset details, List<String> tagList, String altText, ImagePipeline.Fit fit,
            Color padColor, Path file, long size, ImageFormat format, String sha256,
            ImagePipeline.Processed processed) throws IOException {
        UUID id = Ids.newId();
        String prefix = AssetRules.assetPrefix(tenant, id);
        String originalKey = prefix + "/original." + format.extension;
        String thumbnailKey = prefix + "/thumbnail." + processed.thumbnail().format().extension;
        String instagramKey = prefix + "/instagram.jpg";
        Map<String, Object> metadata = metadata(processed, size, format, fit, padColor);
        String filename = AssetRules.sanitiseFilename(details.filename(), format);
        try {
            store.put(originalKey, file, format.mediaType);
            store.put(thumbnailKey, processed.thumbnail().bytes(), processed.thumbnail().format().mediaType);
            store.put(instagramKey, processed.instagram().bytes(), ImageFormat.JPEG.mediaType);
            BrandAsset asset = transactions.execute(status -> {
                BrandAsset created = assets.saveAndFlush(new BrandAsset(id, tenant, details.folderId(), filename,
                        store.locationOf(originalKey), format.mediaType, size, sha256, tagList, metadata, altText,
                        originalKey, thumbnailKey, instagramKey, clock.instant()));
                tags.saveAllAndFlush(tagList.stream().map(tag -> new AssetTag(tenant, id, tag)).toList());
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

    private static ImageFormat sniff(Path file) throws IOException {
        byte[] head = new byte[ImageFormat.SNIFF_LENGTH];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, head.length);
        }
        return ImageFormat.sniff(head, read).orElseThrow(() -> new DomainException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "The file is not a JPEG, PNG or WebP image (judged by its content, not its name)."));
    }

    /**
     * Copies the upload to a file and hashes it on the way, in one pass; refuses it as soon as it passes the size
     * limit. Returns its size.
     */
    private long receive(Content content, Path target, MessageDigest digest) throws IOException {
        long limit = properties.maxUploadSize().toBytes();
        long size = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = content.open(); OutputStream out = Files.newOutputStream(target)) {
            for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                size += read;
                if (size > limit) {
                    throw new DomainException(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than the limit of "
                            + properties.maxUploadSize().toMegabytes() + " MB.");
                }
                digest.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
        }
        return size;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
            ImageFormat format = ImageFormat.fromMediaType(query.type().strip())
                    .orElseThrow(() -> new InvalidFieldException("type", "must be jpeg, png or webp (or their media types)"));
            where.add(cb.equal(asset.get("fileType"), format.mediaType));
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
        if (changes.filename() != null) {
            asset.rename(AssetRules.newFilename(changes.filename()), now);
        }
        Optional<Optional<UUID>> folderChange = changes.folderChange();
        if (folderChange.isPresent()) {
            UUID folderId = folderChange.get().orElse(null);
            if (folderId != null && folders.findByTenantIdAndId(tenant, folderId).isEmpty()) {
                throw DomainException.notFound("Folder");
            }
            asset.moveTo(folderId, now);
        }
        if (changes.tags() != null) {
            List<String> tagList = AssetRules.tags(changes.tags(), "tags");
            asset.retag(tagList, now);
            tags.deleteByAsset(tenant, asset.uuid());
            tags.saveAll(tagList.stream().map(tag -> new AssetTag(tenant, asset.uuid(), tag)).toList());
        }
        if (changes.altText() != null) {
            asset.describe(AssetRules.altText(changes.altText()), now);
        }
        return assets.saveAndFlush(asset);
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

    /** Once the current transaction commits, deletes the assets' files and announces each deletion. */
    void deleteFilesAfterCommit(TenantId tenantId, Collection<BrandAsset> deleted) {
        List<String> prefixes = deleted.stream().map(a -> AssetRules.assetPrefix(a.tenantId(), a.uuid())).toList();
        for (BrandAsset asset : deleted) {
            events.publishEvent(new AssetDeleted(tenantId, asset.id()));
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                prefixes.forEach(Assets.this::deleteStored);
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
        Optional<BrandAsset> asset = currentTenant.callAsPlatform("public media URL with a valid signature",
                () -> reads.execute(status -> assets.findById(assetId.value())));
        if (asset.isEmpty()) {
            return Optional.empty();
        }
        BrandAsset found = asset.get();
        try {
            return store.open(found.keyOf(variant))
                    .map(stream -> new Media(stream, found.mediaTypeOf(variant), lengthOf(found, variant)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Long lengthOf(BrandAsset asset, AssetVariant variant) {
        if (variant == AssetVariant.ORIGINAL) {
            return asset.fileSize();
        }
        Object section = asset.metadata() == null ? null : asset.metadata().get(variant.wireName());
        return section instanceof Map<?, ?> map && map.get("size") instanceof Number size ? size.longValue() : null;
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
