package io.forkcast.posts;

import io.forkcast.captions.Intent;
import io.forkcast.captions.MenuItems;
import io.forkcast.captions.OpeningHours;
import io.forkcast.captions.RestaurantHours;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.tenancy.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a post's subject asks of its time: a {@code visit} post invites people in, so it goes out only while the
 * restaurant is open (refused otherwise, with the next opening suggested); a post about a menu item names one of
 * the tenant's items.
 */
@Component
class VisitTimes {

    private final RestaurantHours hours;
    private final MenuItems menuItems;

    VisitTimes(RestaurantHours hours, MenuItems menuItems) {
        this.hours = hours;
        this.menuItems = menuItems;
    }

    /** Refuses (422) a visit post due while the restaurant is closed, naming the next time it opens. */
    void checkOpen(TenantId tenantId, Intent intent, Instant due, ZoneId zone) {
        if (intent != Intent.VISIT) {
            return;
        }
        OpeningHours opening = hours.get(tenantId);
        if (opening.isOpen(due, zone)) {
            return;
        }
        Optional<Instant> next = opening.nextOpen(due, zone);
        String closed = "The restaurant is closed on " + OpeningHours.spoken(LocalDateTime.ofInstant(due, zone)) + " (" + zone.getId()
                + "), and a visit post asks people to come in.";
        String message = next.map(at -> closed + " The next time it is open: " + OpeningHours.spoken(LocalDateTime.ofInstant(at, zone))
                        + " (" + iso(at, zone) + ").")
                .orElse(closed + " It opens on no day in the next " + OpeningHours.SEARCH_DAYS + " days; check the opening hours.");
        DomainException refused = new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, message)
                .with("errors", List.of(Map.of("field", "scheduled_for", "message", message)));
        next.ifPresent(at -> refused.with("suggested_time", iso(at, zone)));
        throw refused;
    }

    /**
     * The time a held post resumes at: {@code at} for any post but a visit post; for a visit post, the same local
     * time on the first of the next days when the restaurant is open then, else its next opening after {@code at}
     * ({@code at} unchanged when it opens on no day ahead: {@link #checkOpen} then refuses).
     */
    Instant openForVisit(TenantId tenantId, Intent intent, Instant at, ZoneId zone) {
        if (intent != Intent.VISIT) {
            return at;
        }
        OpeningHours opening = hours.get(tenantId);
        ZonedDateTime candidate = at.atZone(zone);
        for (int day = 0; day < 7; day++) {
            Instant instant = candidate.plusDays(day).toInstant();
            if (opening.isOpen(instant, zone)) {
                return instant;
            }
        }
        return opening.nextOpen(at, zone).orElse(at);
    }

    /** Refuses (400) a menu item id that is not one of the tenant's items. */
    void checkMenuItem(TenantId tenantId, UUID menuItemId) {
        if (menuItemId == null) {
            return;
        }
        try {
            menuItems.get(tenantId, menuItemId);
        } catch (DomainException e) {
            throw new InvalidFieldException("menu_item_id", "No menu item " + menuItemId + " on the menu.");
        }
    }

    private static String iso(Instant at, ZoneId zone) {
        return ZonedDateTime.ofInstant(at, zone).toOffsetDateTime().toString();
    }
}
