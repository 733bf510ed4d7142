package io.forkcast.assets;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * A folder of a tenant's brand library. Folders form a tree; {@code path} is the materialised path of names
 * ({@code /Dishes/Pasta}), unique within a tenant, which also makes names unique among siblings.
 */
@Entity
@Table(name = "brand_folders")
public class BrandFolder {

    @Id
    private UUID id;

    private UUID tenantId;

    private UUID parentId;

    private String name;

    private String path;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected BrandFolder() {
    }

    BrandFolder(UUID id, UUID tenantId, UUID parentId, String name, String path, Instant now) {
        this.id = id;
        this.tenantId = tenantId;
        this.parentId = parentId;
        this.name = name;
        this.path = path;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = this.createdAt;
    }

    void relocate(UUID parentId, String name, String path, Instant now) {
        this.parentId = parentId;
        this.name = name;
        this.path = path;
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    public UUID id() {
        return id;
    }

    public UUID tenantId() {
        return tenantId;
    }

    public UUID parentId() {
        return parentId;
    }

    public String name() {
        return name;
    }

    public String path() {
        return path;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Whether {@code other} is this folder or lies anywhere below it. */
    boolean contains(BrandFolder other) {
        return other.id.equals(id) || other.path.startsWith(path + "/");
    }
}
