package io.forkcast.assets;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import io.forkcast.shared.MediaFacts;
import io.forkcast.shared.jpa.InsertedOnce;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A photo or video of a tenant's brand library: the file as uploaded (under a generated key, never its name), its two
 * derivatives (for a video: its poster frame and the poster's thumbnail), its folder, tags and alt text.
 * {@code metadata} holds width, height, format, size and aspect of the original and of each derivative, and a
 * video's facts ({@link VideoMetadata}).
 */
@Entity
@Table(name = "brand_assets")
public class BrandAsset extends InsertedOnce<UUID> {

    @Id
    private UUID id;

    private UUID tenantId;

    private UUID folderId;

    private String filename;

    private String fileUrl;

    private String fileType;

    private long fileSize;

    private String contentSha256;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> tags;

    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> metadata;

    private String altText;

    private String originalKey;

    private String thumbnailKey;

    private String instagramKey;

    private Instant uploadedAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected BrandAsset() {
    }

    BrandAsset(UUID id, UUID tenantId, UUID folderId, String filename, String fileUrl, String fileType,
            long fileSize, String contentSha256, List<String> tags, Map<String, Object> metadata, String altText,
            String originalKey, String thumbnailKey, String instagramKey, Instant now) {
        super(true);
        this.id = id;
        this.tenantId = tenantId;
        this.folderId = folderId;
        this.filename = filename;
        this.fileUrl = fileUrl;
        this.fileType = fileType;
        this.fileSize = fileSize;
        this.contentSha256 = contentSha256;
        this.tags = List.copyOf(tags);
        this.metadata = metadata;
        this.altText = altText;
        this.originalKey = originalKey;
        this.thumbnailKey = thumbnailKey;
        this.instagramKey = instagramKey;
        this.uploadedAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = this.uploadedAt;
    }

    /** The row's id for Spring Data; {@link #id()} everywhere else. */
    @Override
    public UUID getId() {
        return id;
    }

    void rename(String filename, Instant now) {
        this.filename = filename;
        touch(now);
    }

    void moveTo(UUID folderId, Instant now) {
        this.folderId = folderId;
        touch(now);
    }

    void retag(List<String> tags, Instant now) {
        this.tags = List.copyOf(tags);
        touch(now);
    }

    void describe(String altText, Instant now) {
        this.altText = altText;
        touch(now);
    }

    private void touch(Instant now) {
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    public AssetId id() {
        return new AssetId(id);
    }

    UUID uuid() {
        return id;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public UUID folderId() {
        return folderId;
    }

    public String filename() {
        return filename;
    }

    public String fileUrl() {
        return fileUrl;
    }

    public String fileType() {
        return fileType;
    }

    public long fileSize() {
        return fileSize;
    }

    public String contentSha256() {
        return contentSha256;
    }

    public List<String> tags() {
        return tags;
    }

    public Map<String, Object> metadata() {
        return metadata;
    }

    public String altText() {
        return altText;
    }

    public Instant uploadedAt() {
        return uploadedAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Whether this asset is a video (MP4 or MOV); otherwise a photo. */
    public boolean video() {
        return VideoFormat.isVideo(fileType);
    }

    /** What the networks' rules look at in this asset, as read at upload. */
    public MediaFacts facts() {
        return VideoMetadata.facts(this);
    }

    /** The owner chose a cover: new poster files (when the frame changed) and the metadata that says so. */
    void cover(String thumbnailKey, String posterKey, Map<String, Object> metadata, Instant now) {
        this.thumbnailKey = thumbnailKey;
        this.instagramKey = posterKey;
        this.metadata = metadata;
        touch(now);
    }

    /** The storage key of a variant; a video's Instagram copy and poster are its poster frame. */
    String keyOf(AssetVariant variant) {
        return switch (variant) {
            case ORIGINAL -> originalKey;
            case THUMBNAIL -> thumbnailKey;
            case INSTAGRAM, POSTER -> instagramKey;
        };
    }

    /** The media type of a variant. */
    public String mediaTypeOf(AssetVariant variant) {
        return switch (variant) {
            case ORIGINAL -> fileType;
            case INSTAGRAM, POSTER -> ImageFormat.JPEG.mediaType;
            case THUMBNAIL -> thumbnailKey != null && thumbnailKey.endsWith(".png")
                    ? ImageFormat.PNG.mediaType : ImageFormat.JPEG.mediaType;
        };
    }

    List<String> keys() {
        return List.of(originalKey, thumbnailKey, instagramKey);
    }
}
