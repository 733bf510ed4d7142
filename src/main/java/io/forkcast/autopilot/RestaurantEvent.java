package io.forkcast.autopilot;

import io.forkcast.shared.Ids;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** One of the restaurant's own occasions: an anniversary, a tasting night. */
@Entity
@Table(name = "restaurant_events")
class RestaurantEvent {

    @Id
    private UUID id;
    private UUID tenantId;
    private String name;
    private LocalDate eventDate;
    private String note;
    private Instant createdAt;
    private Instant updatedAt;
    @Version
    private long version;

    protected RestaurantEvent() {
    }

    RestaurantEvent(UUID tenantId, NewRestaurantEvent event, Instant now) {
        this.id = Ids.newId();
        this.tenantId = tenantId;
        this.createdAt = now.truncatedTo(ChronoUnit.MICROS);
        change(event, now);
    }

    void change(NewRestaurantEvent event, Instant now) {
        this.name = event.name().strip();
        this.eventDate = event.date();
        this.note = event.note() == null || event.note().isBlank() ? null : event.note().strip();
        this.updatedAt = now.truncatedTo(ChronoUnit.MICROS);
    }

    RestaurantEventView view() {
        return new RestaurantEventView(id, name, eventDate, note);
    }

    LocalDate date() { return eventDate; }
    String name() { return name; }
}
