package io.forkcast.posts.web;

import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.forkcast.posts.EngagementSnapshot;
import io.forkcast.posts.NewPost;
import io.forkcast.posts.PostId;
import io.forkcast.posts.PostQuery;
import io.forkcast.posts.PostStatus;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.databind.json.JsonMapper;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

@Tag(name = "Posts", description = "Posts to Facebook Pages and Instagram accounts: now or scheduled, exactly once.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/posts")
class PostController {

    /**
     * @param scheduledFor ISO-8601 with an offset ({@code 2026-03-08T09:00:00-05:00}) or a local time
     *                     ({@code 2026-03-08T09:00:00}) in the tenant's time zone
     */
    record CreateRequest(@NotEmpty @Size(max = 20) List<@NotNull UUID> accountIds, @Size(max = 63206) String caption,
            @NotEmpty @Size(max = 10) List<@NotNull UUID> assetIds, Boolean publishNow, String scheduledFor) {
    }

    record CreateResponse(UUID groupId, List<PostView> posts) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record ChangeRequest(String scheduledFor, @Size(max = 63206) String caption) {
    }

    private final Posts posts;
    private final JsonMapper json;

    PostController(Posts posts, JsonMapper json) {
        this.posts = posts;
        this.json = json;
    }

    /**
     * Creates the posts. With an {@code Idempotency-Key}, a repeat of the same request answers the first response
     * byte for byte (for a day); another request with the key is refused with 422.
     */
    // The body is written as bytes (to be replayed as they were): the document needs its type said.
    @ApiResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = CreateResponse.class)))
    @PostMapping
    ResponseEntity<byte[]> create(@PathVariable UUID tenantId, @Valid @RequestBody CreateRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) @Size(min = 1, max = 255) String idempotencyKey) {
        boolean now = Boolean.TRUE.equals(request.publishNow());
        if (!now && request.scheduledFor() == null) {
            throw new InvalidFieldException("scheduled_for", "Give scheduled_for, or publish_now: true.");
        }
        Instant at = null;
        LocalDateTime local = null;
        if (request.scheduledFor() != null) {
            Object parsed = parseTime(request.scheduledFor());
            if (parsed instanceof Instant instant) {
                at = instant;
            } else {
                local = (LocalDateTime) parsed;
            }
        }
        Posts.Response response = posts.create(new TenantId(tenantId), new NewPost(request.accountIds(),
                request.caption(), request.assetIds(), at, local, now), idempotencyKey,
                created -> json.writeValueAsBytes(new CreateResponse(created.getFirst().groupId(), created)));
        return ResponseEntity.status(response.status()).contentType(MediaType.APPLICATION_JSON).body(response.body());
    }

    @GetMapping
    CursorPage<PostView> list(@PathVariable UUID tenantId, @RequestParam(required = false) String status,
            @RequestParam(name = "account_id", required = false) UUID accountId,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to,
            @Valid PageRequest page) {
        PostStatus wanted = null;
        if (status != null) {
            wanted = PostStatus.fromWire(status);
            if (wanted == null) {
                throw new InvalidFieldException("status", "Unknown status " + status + ".");
            }
        }
        return posts.list(new TenantId(tenantId), new PostQuery(wanted, accountId, instant("from", from),
                instant("to", to)), page);
    }

    @GetMapping("/{postId}")
    PostView get(@PathVariable UUID tenantId, @PathVariable UUID postId) {
        return posts.get(new TenantId(tenantId), new PostId(postId));
    }

    record EngagementResponse(int likes, int comments, List<EngagementSnapshot> snapshots) {
    }

    /** Likes and comments now, and the series of snapshots taken by the engagement sync. */
    @GetMapping("/{postId}/engagement")
    EngagementResponse engagement(@PathVariable UUID tenantId, @PathVariable UUID postId) {
        PostView post = posts.get(new TenantId(tenantId), new PostId(postId));
        return new EngagementResponse(post.engagementLikes(), post.engagementComments(),
                posts.engagement(new TenantId(tenantId), new PostId(postId)));
    }

    /**
     * While scheduled: a new time (with an offset, or a local time in the tenant's time zone), a new caption, or
     * both.
     */
    @PatchMapping("/{postId}")
    PostView change(@PathVariable UUID tenantId, @PathVariable UUID postId, @Valid @RequestBody ChangeRequest request) {
        TenantId tenant = new TenantId(tenantId);
        PostId post = new PostId(postId);
        if (request.scheduledFor() == null && request.caption() == null) {
            throw new InvalidFieldException("scheduled_for", "Give scheduled_for or caption.");
        }
        // The time is read before anything is written: a bad time must not leave the new caption behind.
        Object at = request.scheduledFor() == null ? null : parseTime(request.scheduledFor());
        PostView view = null;
        if (request.caption() != null) {
            view = posts.editCaption(tenant, post, request.caption());
        }
        if (at != null) {
            view = at instanceof Instant instant ? posts.reschedule(tenant, post, instant)
                    : posts.reschedule(tenant, post, null, (LocalDateTime) at);
        }
        return view;
    }

    /** Cancels a scheduled (or held) post; its slot in the day's quota is returned. */
    @DeleteMapping("/{postId}")
    PostView cancel(@PathVariable UUID tenantId, @PathVariable UUID postId) {
        return posts.cancel(new TenantId(tenantId), new PostId(postId));
    }

    /** Puts a failed post back on the schedule, or publishes a held one: due now. */
    @PostMapping("/{postId}/retry")
    PostView retry(@PathVariable UUID tenantId, @PathVariable UUID postId) {
        return posts.retry(new TenantId(tenantId), new PostId(postId));
    }

    private static Object parseTime(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text);
            } catch (DateTimeParseException e2) {
                throw new InvalidFieldException("scheduled_for", "Not an ISO-8601 time: " + text + ".");
            }
        }
    }

    private static Instant instant(String field, String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "Not an ISO-8601 time with an offset: " + text + ".");
        }
    }
}
