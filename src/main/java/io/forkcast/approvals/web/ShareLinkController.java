package io.forkcast.approvals.web;

import io.forkcast.approvals.ShareLink;
import io.forkcast.approvals.ShareLinks;
import io.forkcast.posts.PostId;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.util.List;
import java.util.UUID;

@Tag(name = "Share links", description = "Signed, expiring links to a read-only preview of one post, which someone "
        + "without an account opens and approves (or asks for changes on) once; revocable.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/posts/{postId}/share-links")
class ShareLinkController {

    /** @param label who the link is for, a note for the team ("Maria, the owner") */
    record NewShareLinkRequest(@Size(max = 100) String label) {
    }

    /** The link, and its URL with the token: shown this once, never again. */
    record CreatedShareLink(ShareLink link, URI url) {
    }

    private final ShareLinks links;

    ShareLinkController(ShareLinks links) {
        this.links = links;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    CreatedShareLink create(@PathVariable UUID tenantId, @PathVariable UUID postId,
            @Valid @RequestBody(required = false) NewShareLinkRequest request) {
        ShareLinks.NewLink link = links.create(new TenantId(tenantId), new PostId(postId),
                request == null ? null : request.label());
        return new CreatedShareLink(link.link(), link.url());
    }

    /** The post's links, without their tokens. */
    @GetMapping
    List<ShareLink> list(@PathVariable UUID tenantId, @PathVariable UUID postId) {
        return links.list(new TenantId(tenantId), new PostId(postId));
    }

    /** Revokes a link: it opens no more. */
    @DeleteMapping("/{linkId}")
    ShareLink revoke(@PathVariable UUID tenantId, @PathVariable UUID postId, @PathVariable UUID linkId) {
        return links.revoke(new TenantId(tenantId), new PostId(postId), linkId);
    }
}
