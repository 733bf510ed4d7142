package io.forkcast.autopilot;

import io.forkcast.shared.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A menu item on special on a date, with the photo chosen for it (or none: the item's best photo). */
@Entity
@Table(name = "daily_specials")
class DailySpecial {

    @Id
    private UUID id;
    private UUID tenantId;
    private LocalDate specialDate;
    private UUID menuItemId;
    private UUID assetId;
    private UUID draftId;
    private Instant createdAt;

    protected DailySpecial() {
    }

    DailySpecial(UUID tenantId, LocalDate date, UUID menuItemId, UUID assetId, Instant now) {
        this.id = Ids.newId();
        this.tenantId = tenantId;
        this.specialDate = date;
        this.menuItemId = menuItemId;
        this.assetId = assetId;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    void drafted(UUID draftId) {
        this.draftId = draftId;
    }

    UUID id() { return id; }
    LocalDate date() { return specialDate; }
    UUID menuItemId() { return menuItemId; }
    UUID assetId() { return assetId; }
    UUID draftId() { return draftId; }
}
