package io.forkcast.captions;

import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/** Reads and replaces a tenant's opening hours; a tenant that never set them reads as unknown hours. */
@Service
public class RestaurantHours {

    private final StoredOpeningHoursRepository hours;
    private final Tenants tenants;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    RestaurantHours(StoredOpeningHoursRepository hours, Tenants tenants, Clock clock,
            ApplicationEventPublisher events) {
        this.hours = hours;
        this.tenants = tenants;
        this.clock = clock;
        this.events = events;
    }

    /** The tenant's opening hours, or {@link OpeningHours#unknown()} (an unknown tenant is a 404). */
    @Transactional(readOnly = true)
    public OpeningHours get(TenantId tenantId) {
        tenants.get(tenantId);
        return hours.findById(tenantId.value()).map(StoredOpeningHours::view).orElseGet(OpeningHours::unknown);
    }

    /** Replaces the whole week and every exception (400 naming the field for overlaps and contradictions). */
    @Transactional
    public OpeningHours replace(TenantId tenantId, OpeningHours openingHours) {
        tenants.get(tenantId);
        openingHours.check();
        StoredOpeningHours stored = hours.findById(tenantId.value())
                .orElseGet(() -> new StoredOpeningHours(tenantId.value(), clock.instant()));
        OpeningHours before = stored.view();
        stored.replace(openingHours, clock.instant());
        OpeningHours saved = hours.saveAndFlush(stored).view();
        events.publishEvent(new OpeningHoursChanged(tenantId, saved.changedFrom(before)));
        return saved;
    }
}
