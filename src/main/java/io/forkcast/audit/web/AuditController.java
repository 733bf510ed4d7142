package io.forkcast.audit.web;

import io.forkcast.audit.AuditEvent;
import io.forkcast.audit.AuditQuery;
import io.forkcast.audit.AuditTrail;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.util.UUID;

@Tag(name = "Audit trail", description = "Who changed what and when, from where: posts, accounts, users, API keys, "
        + "settings. Read-only (no call edits or deletes a record); reading it needs the admin scope.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/audit-events")
class AuditController {

    private final AuditTrail trail;

    AuditController(AuditTrail trail) {
        this.trail = trail;
    }

    /** The tenant's audit trail, newest first, filtered. */
    @GetMapping
    CursorPage<AuditEvent> list(@PathVariable UUID tenantId,
            @Parameter(description = "a user's or API key's id, or user, api_key, operator, forkcast")
            @RequestParam(required = false) String actor,
            @Parameter(description = "one action, such as post.created, api_key.revoked, settings.changed")
            @RequestParam(required = false) String action,
            @Parameter(description = "a resource's id, or a kind: post, account, user, api_key, settings")
            @RequestParam(required = false) String resource,
            @Parameter(description = "from this time (ISO-8601 with an offset), included")
            @RequestParam(required = false) String from,
            @Parameter(description = "until this time (ISO-8601 with an offset), excluded")
            @RequestParam(required = false) String to,
            @Valid PageRequest page) {
        return trail.list(new TenantId(tenantId), AuditQuery.parse(actor, action, resource, from, to), page);
    }
}
