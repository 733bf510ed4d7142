package io.forkcast.tenancy.web;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.Tenant;
import io.forkcast.tenancy.TenantChanges;
import io.forkcast.tenancy.TenantDetails;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import org.springframework.http.CacheControl;
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

import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

@Tag(name = "Tenants", description = "Restaurants using Forkcast. Listing, creating and deleting are for the platform operator.")
@RestController
@RequestMapping("/api/v1/tenants")
class TenantController {

    record TenantResponse(UUID id, String name, String email, String plan, String timezone,
            Map<String, Object> tenantMetadata, Instant createdAt, Instant updatedAt) {

        static TenantResponse of(Tenant tenant) {
            return new TenantResponse(tenant.id().value(), tenant.name(), tenant.email(), tenant.planName(),
                    tenant.timezone().getId(), tenant.metadata(), tenant.createdAt(), tenant.updatedAt());
        }
    }

    /**
     * A created tenant, with the link its owner opens to set a dashboard password: shown in this response only
     * (only its hash is stored).
     */
    record CreatedTenantResponse(UUID id, String name, String email, String plan, String timezone,
            Map<String, Object> tenantMetadata, Instant createdAt, Instant updatedAt, URI ownerInviteUrl,
            Instant ownerInviteExpiresAt) {
    }

    private final Tenants tenants;

    TenantController(Tenants tenants) {
        this.tenants = tenants;
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    ResponseEntity<CreatedTenantResponse> create(@Valid @RequestBody TenantDetails details) {
        Tenants.Created created = tenants.createWithOwnerInvitation(details);
        Tenant tenant = created.tenant();
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                        .buildAndExpand(tenant.id().value()).toUri())
                .cacheControl(CacheControl.noStore())
                .body(new CreatedTenantResponse(tenant.id().value(), tenant.name(), tenant.email(), tenant.planName(),
                        tenant.timezone().getId(), tenant.metadata(), tenant.createdAt(), tenant.updatedAt(),
                        created.ownerInvitation().url(), created.ownerInvitation().expiresAt()));
    }

    @GetMapping
    CursorPage<TenantResponse> list(@Valid PageRequest page) {
        CursorPage<Tenant> found = tenants.list(page);
        return new CursorPage<>(found.items().stream().map(TenantResponse::of).toList(), found.nextCursor());
    }

    @GetMapping("/{tenantId}")
    TenantResponse get(@PathVariable UUID tenantId) {
        return TenantResponse.of(tenants.get(new TenantId(tenantId)));
    }

    @PutMapping("/{tenantId}")
    TenantResponse replace(@PathVariable UUID tenantId, @Valid @RequestBody TenantDetails details) {
        return TenantResponse.of(tenants.replace(new TenantId(tenantId), details));
    }

    @PatchMapping("/{tenantId}")
    TenantResponse change(@PathVariable UUID tenantId, @Valid @RequestBody TenantChanges changes) {
        return TenantResponse.of(tenants.change(new TenantId(tenantId), changes));
    }

    @DeleteMapping("/{tenantId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void delete(@PathVariable UUID tenantId) {
        tenants.delete(new TenantId(tenantId));
    }
}
