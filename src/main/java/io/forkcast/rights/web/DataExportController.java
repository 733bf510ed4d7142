package io.forkcast.rights.web;

import io.forkcast.rights.DataExportView;
import io.forkcast.rights.DataExports;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import java.util.UUID;

@Tag(name = "Data exports", description = "Archives of everything a tenant owns (JSON files and media), written by a "
        + "job and downloaded by a signed link that expires. Admin scope.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/exports")
class DataExportController {

    private final DataExports exports;

    DataExportController(DataExports exports) {
        this.exports = exports;
    }

    @Operation(summary = "Ask for an export of everything the tenant owns",
            description = "Answers at once with the export `pending`; poll it until `ready` (with a download link) "
                    + "or `failed`. One export at a time per tenant: 409 while the previous one is under way.")
    @ApiResponse(responseCode = "202", description = "Accepted", useReturnTypeSchema = true)
    @ApiResponse(responseCode = "409", description = "An export of this tenant is already pending or running.")
    @PostMapping
    ResponseEntity<DataExportView> request(@PathVariable UUID tenantId) {
        String caller = SecurityContextHolder.getContext().getAuthentication().getName();
        DataExportView export = exports.request(new TenantId(tenantId), caller);
        return ResponseEntity.accepted()
                .location(ServletUriComponentsBuilder.fromCurrentRequest().path("/{id}")
                        .buildAndExpand(export.id()).toUri())
                .body(export);
    }

    @Operation(summary = "An export's status, progress and, once ready, a fresh download link")
    @GetMapping("/{exportId}")
    ResponseEntity<DataExportView> get(@PathVariable UUID tenantId, @PathVariable UUID exportId) {
        return ResponseEntity.ok().header("Cache-Control", "no-store")
                .body(exports.get(new TenantId(tenantId), exportId));
    }
}
