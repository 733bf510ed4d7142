package io.forkcast.tenancy.web;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.NewTenantUser;
import io.forkcast.tenancy.Role;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.TenantUser;
import io.forkcast.tenancy.TenantUserChanges;
import io.forkcast.tenancy.TenantUsers;
import io.forkcast.tenancy.UserSignIns;
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
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.net.URI;
import java.time.Instant;
import java.util.UUID;

@Tag(name = "Tenant users", description = "The people of a tenant and their roles; changes need the 'admin' scope.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/users")
class TenantUserController {

    record TenantUserResponse(UUID id, UUID tenantId, String email, String fullName, Role role, Instant createdAt,
            Instant updatedAt) {

        static TenantUserResponse of(TenantUser user) {
            return new TenantUserResponse(user.id(), user.tenantId().value(), user.email(), user.fullName(),
                    user.role(), user.createdAt(), user.updatedAt());
        }
    }

    /** A link for the user to set a dashboard password, shown in this response only (only its hash is stored). */
    record InvitationResponse(UUID userId, String email, URI inviteUrl, Instant expiresAt) {
    }

    private final TenantUsers users;
    private final UserSignIns signIns;

    TenantUserController(TenantUsers users, UserSignIns signIns) {
        this.users = users;
        this.signIns = signIns;
    }

    @GetMapping
    CursorPage<TenantUserResponse> list(@PathVariable UUID tenantId, @Valid PageRequest page) {
        CursorPage<TenantUser> found = users.list(new TenantId(tenantId), page);
        return new CursorPage<>(found.items().stream().map(TenantUserResponse::of).toList(), found.nextCursor());
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    ResponseEntity<TenantUserResponse> add(@PathVariable UUID tenantId, @Valid @RequestBody NewTenantUser user) {
        TenantUser added = users.add(new TenantId(tenantId), user);
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                        .buildAndExpand(added.id()).toUri())
                .body(TenantUserResponse.of(added));
    }

    @GetMapping("/{userId}")
    TenantUserResponse get(@PathVariable UUID tenantId, @PathVariable UUID userId) {
        return TenantUserResponse.of(users.get(new TenantId(tenantId), userId));
    }

    @PatchMapping("/{userId}")
    TenantUserResponse change(@PathVariable UUID tenantId, @PathVariable UUID userId,
            @Valid @RequestBody TenantUserChanges changes) {
        return TenantUserResponse.of(users.change(new TenantId(tenantId), userId, changes));
    }

    /**
     * A new dashboard invitation for the user (a previous link stops working): how a user added here, or one who
     * forgot their password, gets to set one.
     */
    @PostMapping("/{userId}/invitation")
    ResponseEntity<InvitationResponse> invite(@PathVariable UUID tenantId, @PathVariable UUID userId) {
        UserSignIns.Invitation invitation = signIns.invite(new TenantId(tenantId), userId);
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new InvitationResponse(
                invitation.userId(), invitation.email(), invitation.url(), invitation.expiresAt()));
    }

    @DeleteMapping("/{userId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void remove(@PathVariable UUID tenantId, @PathVariable UUID userId) {
        users.remove(new TenantId(tenantId), userId);
    }
}
