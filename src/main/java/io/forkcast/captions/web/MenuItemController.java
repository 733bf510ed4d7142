package io.forkcast.captions.web;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.forkcast.captions.Availability;
import io.forkcast.captions.MenuItem;
import io.forkcast.captions.MenuItemAvailability;
import io.forkcast.captions.MenuItemChanges;
import io.forkcast.captions.MenuItems;
import io.forkcast.captions.NewMenuItem;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Tag(name = "Menu items", description = "The dishes and drinks captions are written about.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/menu-items")
class MenuItemController {

    /**
     * @param availability {@code available} or {@code sold_out} (until {@code soldOutUntil} when set)
     * @param seasonFrom first day of the item's season (with {@code seasonTo}; null: all year)
     */
    record MenuItemResponse(UUID id, UUID tenantId, String name, String description, BigDecimal price,
            String currency, List<String> dietaryTags, boolean seasonal, List<UUID> assetIds,
            Availability availability, Instant soldOutUntil, LocalDate seasonFrom, LocalDate seasonTo,
            Instant createdAt, Instant updatedAt) {

        static MenuItemResponse of(MenuItem item) {
            return new MenuItemResponse(item.id(), item.tenantId().value(), item.name(), item.description(),
                    item.price(), item.currency(), item.dietaryTags(), item.seasonal(), item.assetIds(),
                    item.availability(), item.soldOutUntil(), item.seasonFrom(), item.seasonTo(),
                    item.createdAt(), item.updatedAt());
        }
    }

    private final MenuItems items;

    MenuItemController(MenuItems items) {
        this.items = items;
    }

    @GetMapping
    CursorPage<MenuItemResponse> list(@PathVariable UUID tenantId, @Valid PageRequest page) {
        CursorPage<MenuItem> found = items.list(new TenantId(tenantId), page);
        return new CursorPage<>(found.items().stream().map(MenuItemResponse::of).toList(), found.nextCursor());
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    ResponseEntity<MenuItemResponse> add(@PathVariable UUID tenantId, @Valid @RequestBody NewMenuItem item) {
        MenuItem added = items.add(new TenantId(tenantId), item);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                        .buildAndExpand(added.id()).toUri())
                .body(MenuItemResponse.of(added));
    }

    @GetMapping("/{itemId}")
    MenuItemResponse get(@PathVariable UUID tenantId, @PathVariable UUID itemId) {
        return MenuItemResponse.of(items.get(new TenantId(tenantId), itemId));
    }

    @PatchMapping("/{itemId}")
    MenuItemResponse change(@PathVariable UUID tenantId, @PathVariable UUID itemId,
            @Valid @RequestBody MenuItemChanges changes) {
        return MenuItemResponse.of(items.change(new TenantId(tenantId), itemId, changes));
    }

    /**
     * Sets the item's availability (and season) in one call. Scheduled posts about it that would go out while it
     * is sold out or out of season are held at once, with a reason the owner reads.
     */
    @PutMapping("/{itemId}/availability")
    MenuItemResponse availability(@PathVariable UUID tenantId, @PathVariable UUID itemId,
            @Valid @RequestBody MenuItemAvailability availability) {
        return MenuItemResponse.of(items.setAvailability(new TenantId(tenantId), itemId, availability));
    }

    @DeleteMapping("/{itemId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID tenantId, @PathVariable UUID itemId) {
        items.remove(new TenantId(tenantId), itemId);
    }
}
