package io.forkcast.captions.web;

import io.forkcast.captions.OpeningHours;
import io.forkcast.captions.RestaurantHours;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@Tag(name = "Restaurant profile", description = "What captions know about the restaurant; absent, it reads as defaults.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/profile/opening-hours")
class OpeningHoursController {

    private final RestaurantHours hours;

    OpeningHoursController(RestaurantHours hours) {
        this.hours = hours;
    }

    /** The weekly hours and dated exceptions, in the tenant's time zone; empty lists while never set. */
    @GetMapping
    OpeningHours get(@PathVariable UUID tenantId) {
        return hours.get(new TenantId(tenantId));
    }

    /**
     * Replaces the weekly hours and every exception. Times are local ({@code 18:00}); a range that closes at or
     * before it opens runs past midnight. {@code updated_at} is read-only and ignored when sent.
     */
    @PutMapping
    OpeningHours replace(@PathVariable UUID tenantId, @Valid @RequestBody OpeningHours openingHours) {
        return hours.replace(new TenantId(tenantId), openingHours);
    }
}
