package io.forkcast.autopilot;

import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A post autopilot wrote and the owner approves (it becomes an ordinary post) or dismisses. */
@Entity
@Table(name = "autopilot_drafts")
class Draft {

    @Id
    private UUID id;
    private UUID tenantId;
    private DraftKind kind;
    private LocalDate forDate;
    private UUID menuItemId;
    private String occasion;
    private String caption;
    @JdbcTypeCode(SqlTypes.JSON)
    private List<UUID> assetIds;
    private DraftStatus status;
    private UUID postId;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected Draft() {
    }

    Draft(UUID tenantId, DraftKind kind, LocalDate forDate, UUID menuItemId, String occasion, String caption,
            List<UUID> assetIds, Instant now) {
        this.id = Ids.newId();
        this.tenantId = tenantId;
        this.kind = kind;
        this.forDate = forDate;
        this.menuItemId = menuItemId;
        this.occasion = occasion;
        this.caption = caption;
        this.assetIds = new ArrayList<>(assetIds);
        this.status = DraftStatus.PENDING;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = createdAt;
    }

    void published(UUID postId, Instant now) {
        requirePending("published");
        this.status = DraftStatus.PUBLISHED;
        this.postId = postId;
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    void dismiss(Instant now) {
        requirePending("dismissed");
        this.status = DraftStatus.DISMISSED;
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    void requirePending(String what) {
        if (status != DraftStatus.PENDING) {
            throw DomainException.conflict("The draft is " + status.wireName() + "; it cannot be " + what + ".");
        }
    }

    DraftView view() {
        return new DraftView(id, kind, forDate, menuItemId, occasion, caption, List.copyOf(assetIds), status, postId,
                createdAt);
    }

    UUID id() { return id; }
    UUID menuItemId() { return menuItemId; }
    String caption() { return caption; }
    List<UUID> assetIds() { return List.copyOf(assetIds); }
    DraftKind kind() { return kind; }
}
