package io.forkcast.tenancy.web;

import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.ApiKey;
import io.forkcast.tenancy.ApiKeyScope;
import io.forkcast.tenancy.ApiKeys;
import io.forkcast.tenancy.NewApiKey;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

@Tag(name = "API keys", description = "A tenant's keys for programmatic access. The secret is returned once, at creation.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/api-keys")
class ApiKeyController {

    record ApiKeyResponse(UUID id, String name, String prefix, Set<ApiKeyScope> scopes, Instant createdAt,
            Instant lastUsedAt, Instant revokedAt) {

        static ApiKeyResponse of(ApiKey key) {
            return new ApiKeyResponse(key.id(), key.name(), key.prefix(), new TreeSet<>(key.scopes()),
                    key.createdAt(), key.lastUsedAt(), key.revokedAt());
        }
    }

    /** The one response that carries the secret. */
    record CreatedApiKeyResponse(UUID id, String name, String prefix, Set<ApiKeyScope> scopes, Instant createdAt,
            String key) {
    }

    private final ApiKeys apiKeys;

    ApiKeyController(ApiKeys apiKeys) {
        this.apiKeys = apiKeys;
    }

    @PostMapping
    @ApiResponse(responseCode = "201", description = "Created", useReturnTypeSchema = true)
    ResponseEntity<CreatedApiKeyResponse> create(@PathVariable UUID tenantId, @Valid @RequestBody NewApiKey request) {
        ApiKeys.CreatedApiKey created = apiKeys.create(new TenantId(tenantId), request);
        ApiKey key = created.key();
        return ResponseEntity.created(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                        .buildAndExpand(key.id()).toUri())
                .header("Cache-Control", "no-store")
                .body(new CreatedApiKeyResponse(key.id(), key.name(), key.prefix(), new TreeSet<>(key.scopes()),
                        key.createdAt(), created.secret()));
    }

    @GetMapping
    CursorPage<ApiKeyResponse> list(@PathVariable UUID tenantId, @Valid PageRequest page) {
        CursorPage<ApiKey> found = apiKeys.list(new TenantId(tenantId), page);
        return new CursorPage<>(found.items().stream().map(ApiKeyResponse::of).toList(), found.nextCursor());
    }

    @GetMapping("/{keyId}")
    ApiKeyResponse get(@PathVariable UUID tenantId, @PathVariable UUID keyId) {
        return ApiKeyResponse.of(apiKeys.get(new TenantId(tenantId), keyId));
    }

    @DeleteMapping("/{keyId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revoke(@PathVariable UUID tenantId, @PathVariable UUID keyId) {
        apiKeys.revoke(new TenantId(tenantId), keyId);
    }
}
