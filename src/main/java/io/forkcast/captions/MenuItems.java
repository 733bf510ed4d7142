package io.forkcast.captions;

import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import org.springframework.context.ApplicationEventPublisher;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Currency;
import java.util.List;
import java.util.UUID;

/** A tenant's menu items. A price always comes with a currency that ISO 4217 knows. */
@Service
public class MenuItems {

    private final MenuItemRepository items;
    private final Tenants tenants;
    private final ApplicationEventPublisher events;
    private final Clock clock;

    MenuItems(MenuItemRepository items, Tenants tenants, Clock clock, ApplicationEventPublisher events) {
        this.items = items;
        this.tenants = tenants;
        this.events = events;
        this.clock = clock;
    }

    /** The whole menu of a tenant, in a stable order (what is published to the Google listing). */
    @Transactional(readOnly = true)
    public List<MenuItem> all(TenantId tenantId) {
        return items.findByTenantIdOrderByIdAsc(tenantId.value(), Limit.unlimited());
    }

    @Transactional(readOnly = true)
    public CursorPage<MenuItem> list(TenantId tenantId, PageRequest page) {
        tenants.get(tenantId);
        Limit limit = Limit.of(page.size() + 1);
        List<MenuItem> rows = page.after() == null
                ? items.findByTenantIdOrderByIdAsc(tenantId.value(), limit)
                : items.findByTenantIdAndIdGreaterThanOrderByIdAsc(tenantId.value(), page.after(), limit);
        return CursorPage.of(rows, page.size(), MenuItem::id, i -> i);
    }

    @Transactional(readOnly = true)
    public MenuItem get(TenantId tenantId, UUID itemId) {
        tenants.get(tenantId);
        return items.findByTenantIdAndId(tenantId.value(), itemId)
                .orElseThrow(() -> DomainException.notFound("Menu item"));
    }

    @Transactional
    public MenuItem add(TenantId tenantId, NewMenuItem item) {
        tenants.get(tenantId);
        checkPrice(item.price(), item.currency());
        MenuItem added = items.saveAndFlush(new MenuItem(tenantId, item, clock.instant()));
        events.publishEvent(new MenuChanged(tenantId, added.id(), MenuChanged.Change.ADDED, added.name()));
        return added;
    }

    @Transactional
    public MenuItem change(TenantId tenantId, UUID itemId, MenuItemChanges changes) {
        MenuItem item = get(tenantId, itemId);
        BigDecimal price = changes.price() != null ? changes.price() : item.price();
        String currency = changes.currency() != null ? changes.currency() : item.currency();
        checkPrice(price, currency);
        item.change(changes, clock.instant());
        MenuItem changed = items.saveAndFlush(item);
        events.publishEvent(new MenuChanged(tenantId, itemId, MenuChanged.Change.CHANGED, changed.name()));
        return changed;
    }

    /**
     * Sets the item's availability and season in one call; posts about it are then held (or left to the owner) by
     * the posts module, once this committed ({@link MenuItemAvailabilityChanged}).
     */
    @Transactional
    public MenuItem setAvailability(TenantId tenantId, UUID itemId, MenuItemAvailability availability) {
        MenuItem item = get(tenantId, itemId);
        Instant now = clock.instant();
        if (availability.until() != null && !availability.until().isAfter(now)) {
            throw new InvalidFieldException("until", "must be in the future");
        }
        item.availability(availability, now);
        MenuItem saved = items.saveAndFlush(item);
        events.publishEvent(new MenuItemAvailabilityChanged(tenantId, itemId, saved.name(), describe(availability)));
        return saved;
    }

    /**
     * Why a post about the item cannot go out at {@code at} (sold out, out of season), in words the owner reads;
     * empty when it can, or when the item is gone (a post outlives its item).
     */
    @Transactional(readOnly = true)
    public Optional<String> unavailableAt(TenantId tenantId, UUID itemId, Instant at) {
        ZoneId zone = tenants.get(tenantId).timezone();
        return items.findByTenantIdAndId(tenantId.value(), itemId)
                .flatMap(item -> item.unavailableAt(at, zone));
    }

    @Transactional
    public void remove(TenantId tenantId, UUID itemId) {
        MenuItem item = get(tenantId, itemId);
        items.delete(item);
        events.publishEvent(new MenuChanged(tenantId, itemId, MenuChanged.Change.REMOVED, item.name()));
    }

    private static String describe(MenuItemAvailability availability) {
        String status = availability.status() == Availability.SOLD_OUT ? "sold out" : "available";
        if (availability.until() != null) {
            status += " until " + availability.until();
        }
        if (availability.seasonFrom() != null) {
            status += ", in season " + availability.seasonFrom() + " to " + availability.seasonTo();
        }
        return status;
    }

    static void checkPrice(BigDecimal price, String currency) {
        if (currency != null) {
            try {
                Currency.getInstance(currency);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("currency", "must be an ISO 4217 currency code such as EUR or USD");
            }
        }
        if (price != null && currency == null) {
            throw new InvalidFieldException("currency", "is required with a price");
        }
    }
}
