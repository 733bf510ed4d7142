package io.forkcast.captions;

import io.forkcast.shared.Ids;
import io.forkcast.tenancy.TenantId;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A dish or drink of a restaurant's menu, the usual subject of a caption. */
@Entity
@Table(name = "menu_items")
public class MenuItem {

    @Id
    private UUID id;

    private UUID tenantId;

    private String name;

    private String description;

    private BigDecimal price;

    private String currency;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<String> dietaryTags;

    private boolean seasonal;

    @JdbcTypeCode(SqlTypes.JSON)
    private List<UUID> assetIds;

    private Availability availability = Availability.AVAILABLE;

    private Instant soldOutUntil;

    private LocalDate seasonFrom;

    private LocalDate seasonTo;

    private Instant createdAt;

    private Instant updatedAt;

    @Version
    private long version;

    protected MenuItem() {
    }

    MenuItem(TenantId tenantId, NewMenuItem item, Instant now) {
        this.id = Ids.newId();
        this.tenantId = tenantId.value();
        this.name = item.name().strip();
        this.description = blankToNull(item.description());
        this.price = item.price();
        this.currency = item.currency();
        this.dietaryTags = tags(item.dietaryTags());
        this.seasonal = Boolean.TRUE.equals(item.seasonal());
        this.assetIds = item.assetIds() == null ? new ArrayList<>() : new ArrayList<>(item.assetIds());
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        this.updatedAt = this.createdAt;
    }

    void change(MenuItemChanges changes, Instant now) {
        if (changes.name() != null) {
            this.name = changes.name().strip();
        }
        if (changes.description() != null) {
            this.description = blankToNull(changes.description());
        }
        if (changes.price() != null) {
            this.price = changes.price();
        }
        if (changes.currency() != null) {
            this.currency = changes.currency();
        }
        if (changes.dietaryTags() != null) {
            this.dietaryTags = tags(changes.dietaryTags());
        }
        if (changes.seasonal() != null) {
            this.seasonal = changes.seasonal();
        }
        if (changes.assetIds() != null) {
            this.assetIds = new ArrayList<>(changes.assetIds());
        }
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    void availability(MenuItemAvailability availability, Instant now) {
        this.availability = availability.status();
        this.soldOutUntil = availability.until() == null ? null : availability.until().truncatedTo(ChronoUnit.MICROS);
        this.seasonFrom = availability.seasonFrom();
        this.seasonTo = availability.seasonTo();
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Why the item cannot be posted about at {@code at} (on the restaurant's clock, {@code zone}), in words
     * the owner reads; empty when it can: sold out (until a time not yet reached), or out of its season.
     */
    public Optional<String> unavailableAt(Instant at, java.time.ZoneId zone) {
        LocalDate day = at.atZone(zone).toLocalDate();
        if (availability == Availability.SOLD_OUT && (soldOutUntil == null || at.isBefore(soldOutUntil))) {
            return Optional.of(name + " is sold out" + (soldOutUntil == null ? "" : " until "
                    + java.time.format.DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", java.util.Locale.ENGLISH)
                    .format(soldOutUntil.atZone(zone))) + ".");
        }
        if (seasonFrom != null && (day.isBefore(seasonFrom) || day.isAfter(seasonTo))) {
            return Optional.of(name + " is out of season (its season runs from " + seasonFrom + " to " + seasonTo
                    + ").");
        }
        return Optional.empty();
    }

    private static List<String> tags(List<String> tags) {
        return tags == null ? new ArrayList<>()
                : new ArrayList<>(tags.stream().map(t -> t.strip().toLowerCase()).distinct().toList());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public UUID id() {
        return id;
    }

    public TenantId tenantId() {
        return new TenantId(tenantId);
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public BigDecimal price() {
        return price;
    }

    public String currency() {
        return currency;
    }

    public List<String> dietaryTags() {
        return List.copyOf(dietaryTags);
    }

    public boolean seasonal() {
        return seasonal;
    }

    public List<UUID> assetIds() {
        return List.copyOf(assetIds);
    }

    public Availability availability() {
        return availability;
    }

    public Instant soldOutUntil() {
        return soldOutUntil;
    }

    public LocalDate seasonFrom() {
        return seasonFrom;
    }

    public LocalDate seasonTo() {
        return seasonTo;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
