package io.forkcast.posts.web;

import io.forkcast.captions.RestaurantPlace;
import io.forkcast.posts.Places;
import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@Tag(name = "Restaurant profile", description = "What captions know about the restaurant; absent, it reads as defaults.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/profile/place")
class PlaceController {

    /** {@code page}: the link of a Facebook Page that has a location (facebook.com/…), or its id. */
    record PlaceRequest(@NotBlank @Size(max = 500) String page) {
    }

    private final Places places;

    PlaceController(Places places) {
        this.places = places;
    }

    /** The restaurant's place, tagged on its Instagram and Facebook posts by default; 404 while none is set. */
    @GetMapping
    RestaurantPlace get(@PathVariable UUID tenantId) {
        return places.get(new TenantId(tenantId)).orElseThrow(() -> DomainException.notFound("Place"));
    }

    /** Sets the place from a Page link or id, once Facebook confirms that Page has a location. */
    @PutMapping
    RestaurantPlace set(@PathVariable UUID tenantId, @Valid @RequestBody PlaceRequest request) {
        return places.set(new TenantId(tenantId), request.page());
    }

    /** Removes the place: posts created from now on are not tagged. */
    @DeleteMapping
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID tenantId) {
        places.remove(new TenantId(tenantId));
    }
}
