package io.forkcast.posts;

import com.fasterxml.jackson.annotation.JsonValue;
import io.forkcast.shared.jpa.WireNameColumn;
import jakarta.persistence.Converter;

/**
 * Where a post stands with the owner's approval (the tenant setting "posts by editors need approval"):
 * {@code none} (it never needed one), {@code draft} (changes were asked for; back with its author),
 * {@code pending_approval} (waiting for an owner or admin; it never publishes while here), {@code approved},
 * {@code rejected}.
 */
public enum ApprovalStage {
    NONE, DRAFT, PENDING_APPROVAL, APPROVED, REJECTED;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }

    /** Whether the post is held back by it: its deliveries wait, held, until it is approved. */
    public boolean holdsBack() {
        return this == DRAFT || this == PENDING_APPROVAL;
    }

    @Converter(autoApply = true)
    static class Column extends WireNameColumn<ApprovalStage> {

        Column() {
            super(ApprovalStage.class);
        }
    }
}
