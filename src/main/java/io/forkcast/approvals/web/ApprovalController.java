package io.forkcast.approvals.web;

import io.forkcast.approvals.Approvals;
import io.forkcast.posts.PostId;
import io.forkcast.posts.PostView;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.UUID;

@Tag(name = "Approvals", description = "Posts by editors waiting for an owner's or admin's approval: the setting, "
        + "the decisions (approve, request changes, reject), and the record of who did what and when.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}")
class ApprovalController {

    /** Whether posts by editors (and by API keys without the {@code admin} scope) wait for approval. */
    record ApprovalSettings(@NotNull Boolean editorsNeedApproval) {
    }

    /**
     * @param scheduledFor a new time (ISO-8601 with an offset) instead of the one the post was written for; needed
     *                     when that one has passed
     * @param publishNow   publish as soon as approved
     * @param comment      a note for the author, kept with the approval
     */
    record ApproveRequest(String scheduledFor, Boolean publishNow, @Size(max = 2000) String comment) {
    }

    /** What should change (required when asking for changes; optional on a rejection). */
    record ApprovalComment(@Size(max = 2000) String comment) {
    }

    /** What the author should change. */
    record ChangesRequest(@NotBlank @Size(max = 2000) String comment) {
    }

    private final Approvals approvals;

    ApprovalController(Approvals approvals) {
        this.approvals = approvals;
    }

    @GetMapping("/approval-settings")
    ApprovalSettings settings(@PathVariable UUID tenantId) {
        return new ApprovalSettings(approvals.editorsNeedApproval(new TenantId(tenantId)));
    }

    /** Turns the approval of editors' posts on or off (an admin's matter: API keys need the {@code admin} scope). */
    @PutMapping("/approval-settings")
    ApprovalSettings change(@PathVariable UUID tenantId, @Valid @RequestBody ApprovalSettings request) {
        return new ApprovalSettings(approvals.editorsNeedApproval(new TenantId(tenantId),
                request.editorsNeedApproval()));
    }

    /** Where the post stands with its approval, and every step so far with who took it and when. */
    @GetMapping("/posts/{postId}/approval")
    Approvals.PostApproval approval(@PathVariable UUID tenantId, @PathVariable UUID postId) {
        return approvals.of(new TenantId(tenantId), new PostId(postId));
    }

    /**
     * Approves a post waiting for approval (owners and admins; API keys with the {@code admin} scope): it is
     * scheduled as written. When that time has passed, 409 with {@code scheduled_for}: give a new time or
     * {@code publish_now}.
     */
    @PostMapping("/posts/{postId}/approval/approve")
    PostView approve(@PathVariable UUID tenantId, @PathVariable UUID postId,
            @Valid @RequestBody(required = false) ApproveRequest request) {
        ApproveRequest body = request == null ? new ApproveRequest(null, null, null) : request;
        boolean now = Boolean.TRUE.equals(body.publishNow());
        if (now && body.scheduledFor() != null) {
            throw new InvalidFieldException("scheduled_for", "Give either scheduled_for or publish_now, not both.");
        }
        return approvals.approve(new TenantId(tenantId), new PostId(postId), instant(body.scheduledFor()), now,
                body.comment());
    }

    /** Sends the post back to its author as a draft, saying what to change. */
    @PostMapping("/posts/{postId}/approval/request-changes")
    PostView requestChanges(@PathVariable UUID tenantId, @PathVariable UUID postId,
            @Valid @RequestBody ChangesRequest request) {
        return approvals.requestChanges(new TenantId(tenantId), new PostId(postId), request.comment());
    }

    /** Rejects the post: it will not be published. */
    @PostMapping("/posts/{postId}/approval/reject")
    PostView reject(@PathVariable UUID tenantId, @PathVariable UUID postId,
            @Valid @RequestBody(required = false) ApprovalComment request) {
        return approvals.reject(new TenantId(tenantId), new PostId(postId), request == null ? null
                : request.comment());
    }

    /** Submits a draft (sent back for changes) for approval again. */
    @PostMapping("/posts/{postId}/approval/submit")
    PostView submit(@PathVariable UUID tenantId, @PathVariable UUID postId) {
        return approvals.submit(new TenantId(tenantId), new PostId(postId));
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("scheduled_for", "Not an ISO-8601 time with an offset: " + text + ".");
        }
    }
}
