package io.forkcast.captions.web;

import io.forkcast.captions.RestaurantProfile;
import io.forkcast.captions.RestaurantProfiles;
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
@RequestMapping("/api/v1/tenants/{tenantId}/profile")
class RestaurantProfileController {

    private final RestaurantProfiles profiles;

    RestaurantProfileController(RestaurantProfiles profiles) {
        this.profiles = profiles;
    }

    @GetMapping
    RestaurantProfile get(@PathVariable UUID tenantId) {
        return profiles.get(new TenantId(tenantId));
    }

    /** Replaces the profile; {@code updated_at} is read-only and ignored when sent. */
    @PutMapping
    RestaurantProfile replace(@PathVariable UUID tenantId, @Valid @RequestBody RestaurantProfile profile) {
        return profiles.replace(new TenantId(tenantId), profile);
    }
}
