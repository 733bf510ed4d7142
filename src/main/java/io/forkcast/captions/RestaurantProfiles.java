package io.forkcast.captions;

import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;

/** Reads and replaces a tenant's restaurant profile; a tenant without one gets the defaults. */
@Service
public class RestaurantProfiles {

    private final StoredProfileRepository profiles;
    private final Tenants tenants;
    private final Clock clock;

    private final ApplicationEventPublisher events;

    RestaurantProfiles(StoredProfileRepository profiles, Tenants tenants, Clock clock,
            ApplicationEventPublisher events) {
        this.profiles = profiles;
        this.tenants = tenants;
        this.clock = clock;
        this.events = events;
    }

    /** The tenant's profile, or the defaults when it has none (an unknown tenant is a 404). */
    @Transactional(readOnly = true)
    public RestaurantProfile get(TenantId tenantId) {
        tenants.get(tenantId);
        return profiles.findById(tenantId.value()).map(StoredProfile::view).orElseGet(RestaurantProfile::defaults);
    }

    /** Replaces the whole profile: members left out take their default. */
    @Transactional
    public RestaurantProfile replace(TenantId tenantId, RestaurantProfile profile) {
        tenants.get(tenantId);
        StoredProfile stored = profiles.findById(tenantId.value())
                .orElseGet(() -> new StoredProfile(tenantId.value(), clock.instant()));
        RestaurantProfile before = stored.view();
        stored.replace(profile, clock.instant());
        RestaurantProfile saved = profiles.saveAndFlush(stored).view();
        events.publishEvent(new RestaurantProfileChanged(tenantId, saved.changedFrom(before)));
        return saved;
    }

    /** The restaurant's place, if the owner set one. */
    @Transactional(readOnly = true)
    public java.util.Optional<RestaurantPlace> place(TenantId tenantId) {
        return profiles.findById(tenantId.value()).flatMap(StoredProfile::place);
    }

    /**
     * Sets the restaurant's place (checked by the caller against Facebook), or removes it with null; a tenant
     * without a profile gets the default one with its place.
     */
    @Transactional
    public java.util.Optional<RestaurantPlace> place(TenantId tenantId, RestaurantPlace place) {
        tenants.get(tenantId);
        StoredProfile stored = profiles.findById(tenantId.value()).orElseGet(() -> {
            StoredProfile fresh = new StoredProfile(tenantId.value(), clock.instant());
            fresh.replace(RestaurantProfile.defaults(), clock.instant());
            return fresh;
        });
        stored.place(place, clock.instant());
        java.util.Optional<RestaurantPlace> saved = profiles.saveAndFlush(stored).place();
        events.publishEvent(new RestaurantProfileChanged(tenantId, place == null ? "place removed" : "place"));
        return saved;
    }
}
