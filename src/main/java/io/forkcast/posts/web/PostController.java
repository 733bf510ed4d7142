package io.forkcast.posts.web;

import io.forkcast.captions.Intent;
import io.forkcast.posts.CancelledPost;
import io.forkcast.posts.EngagementSnapshot;
import io.forkcast.posts.NewPost;
import io.forkcast.posts.PostChanges;
import io.forkcast.posts.PostId;
import io.forkcast.posts.PostQuery;
import io.forkcast.posts.PostStatus;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.Platform;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Tag(name = "Posts", description = "One post to several Facebook Pages and Instagram accounts, one delivery per "
        + "account: now or scheduled, each delivery exactly once.")
@RestController
@RequestMapping("/api/v1/tenants/{tenantId}/posts")
class PostController {

    /**
     * One account the post goes to; {@code caption} replaces the post's caption there; {@code format} is where it
     * appears on the network (the feed when left out; only on a new post); {@code google} is a Google listing's post
     * type, button, offer or event (only for a Google listing); {@code firstComment} is commented on the post right
     * after it is published (Instagram and Facebook); {@code location}: {@code none} leaves the post untagged, absent
     * (or {@code restaurant}) tags it at the restaurant's place when the profile names one; {@code shareToFeed}
     * (an Instagram Reel only) {@code false} keeps the Reel out of the account's feed grid.
     */
    record TargetRequest(@NotNull UUID accountId, String caption,
            @Schema(allowableValues = {"feed", "reel", "story"}) String format, io.forkcast.shared.GooglePost google,
            String firstComment, @jakarta.validation.constraints.Pattern(regexp = "restaurant|none",
                    message = "must be restaurant or none") String location,
            @Schema(description = "An Instagram Reel only: whether it also shows in the account's feed grid "
                    + "(true when left out); refused on every other format and network") Boolean shareToFeed) {

        NewPost.Target target() {
            return new NewPost.Target(accountId, caption, parsedFormat(), google, firstComment,
                    "none".equals(location) ? NewPost.Location.NONE : NewPost.Location.RESTAURANT, shareToFeed);
        }

        Platform.Format parsedFormat() {
            if (format == null) {
                return Platform.Format.FEED;
            }
            return Platform.Format.fromWire(format).orElseThrow(() ->
                    new InvalidFieldException("targets.format", "must be feed, reel or story"));
        }
    }

    /**
     * @param scheduledFor ISO-8601 with an offset ({@code 2026-03-08T09:00:00-05:00}) or a local time
     *                     ({@code 2026-03-08T09:00:00}) in the tenant's time zone
     * @param intent what the post asks of its readers ({@code general} when absent); a {@code visit} post due while
     *               the restaurant is closed is refused (422) with the next opening in {@code suggested_time}
     * @param menuItemId the menu item the post is about, if any
     * @param queue {@code true}: the post goes to the next free posting slot of its targets (instead of
     *              {@code scheduled_for} or {@code publish_now}), and moves up when a queued post before it is
     *              removed; a post given a time is pinned to it
     */
    record CreateRequest(String caption, @NotEmpty @Size(max = 10) List<@NotNull UUID> assetIds, Boolean publishNow,
            String scheduledFor, @NotEmpty @Size(max = 20) List<@NotNull @Valid TargetRequest> targets,
            Intent intent, UUID menuItemId, Boolean queue) {
    }

    /**
     * The whole post, before any delivery started: a new time, a new caption, per-account captions (a null
     * caption goes back to the post's).
     */
    record ChangeRequest(String scheduledFor, String caption, List<@NotNull @Valid TargetRequest> targets) {
    }

    /** The post after a cancel, and the deliveries that had already gone out (or started) and stay. */
    record CancelResponse(PostView post, List<UUID> alreadyStarted) {
    }

    record DeliveryEngagement(UUID deliveryId, int likes, int comments, List<EngagementSnapshot> snapshots) {
    }

    record EngagementResponse(List<DeliveryEngagement> deliveries) {
    }

    /** When a held post goes out again: {@code now}, or {@code next_time} (the next sensible time; the default). */
    record ResumeRequest(@Schema(allowableValues = {"now", "next_time"}) @jakarta.validation.constraints.Pattern(
            regexp = "now|next_time", message = "must be now or next_time") String when) {
    }

    private final Posts posts;

    PostController(Posts posts) {
        this.posts = posts;
    }

    /**
     * Creates the post and one delivery per target. With an {@code Idempotency-Key}, a repeat of the same request
     * answers the first response byte for byte (for a day); another request with the key is refused with 422.
     */
    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    PostView create(@PathVariable UUID tenantId, @Valid @RequestBody CreateRequest request) {
        boolean now = Boolean.TRUE.equals(request.publishNow());
        boolean queue = Boolean.TRUE.equals(request.queue());
        if (!now && !queue && request.scheduledFor() == null) {
            throw new InvalidFieldException("scheduled_for", "Give scheduled_for, publish_now: true or queue: true.");
        }
        Object at = request.scheduledFor() == null ? null : parseTime(request.scheduledFor());
        return posts.create(new TenantId(tenantId), new NewPost(request.caption(), request.assetIds(),
                at instanceof Instant instant ? instant : null, at instanceof LocalDateTime local ? local : null, now,
                request.targets().stream().map(TargetRequest::target).toList(),
                request.intent(), request.menuItemId(), queue));
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

    /** Likes and comments now, and the series of snapshots taken by the engagement sync, per delivery. */
    @GetMapping("/{postId}/engagement")
    EngagementResponse engagement(@PathVariable UUID tenantId, @PathVariable UUID postId) {
        TenantId tenant = new TenantId(tenantId);
        PostView post = posts.get(tenant, new PostId(postId));
        return new EngagementResponse(post.deliveries().stream().map(d -> new DeliveryEngagement(d.id(),
                d.engagementLikes(), d.engagementComments(), posts.engagement(tenant, post.id(), d.id()))).toList());
    }

    /**
     * Reschedules or edits the whole post at once: every delivery moves, or none does. Refused (409, naming the
     * delivery) once any delivery has started.
     */
    @PatchMapping("/{postId}")
    PostView change(@PathVariable UUID tenantId, @PathVariable UUID postId, @Valid @RequestBody ChangeRequest request) {
        if (request.scheduledFor() == null && request.caption() == null && request.targets() == null) {
            throw new InvalidFieldException("scheduled_for", "Give scheduled_for, caption or targets.");
        }
        Object at = request.scheduledFor() == null ? null : parseTime(request.scheduledFor());
        Map<UUID, String> captions = new LinkedHashMap<>();
        if (request.targets() != null) {
            for (TargetRequest target : request.targets()) {
                if (target.format() != null) {
                    throw new InvalidFieldException("targets.format", "A delivery's format is chosen when the post is "
                            + "created; cancel it and post again in another format.");
                }
                if (target.shareToFeed() != null) {
                    throw new InvalidFieldException("targets.share_to_feed", "Whether a Reel also shows in the feed "
                            + "is chosen when the post is created; a change can give new captions only.");
                }
                if (target.firstComment() != null || target.location() != null) {
                    // Not silently ignored: a change carries captions only.
                    throw new InvalidFieldException(target.firstComment() != null ? "targets.first_comment"
                            : "targets.location", "The first comment and the location are chosen when the post is "
                            + "created; a change can give new captions only.");
                }
                captions.put(target.accountId(), target.caption());
            }
        }
        return posts.change(new TenantId(tenantId), new PostId(postId), new PostChanges(
                at instanceof Instant instant ? instant : null, at instanceof LocalDateTime local ? local : null,
                request.caption(), captions));
    }

    /** Cancels every delivery not yet started (their quota slots are returned); says which had gone out already. */
    @DeleteMapping("/{postId}")
    CancelResponse cancel(@PathVariable UUID tenantId, @PathVariable UUID postId) {
        CancelledPost cancelled = posts.cancel(new TenantId(tenantId), new PostId(postId));
        return new CancelResponse(cancelled.post(), cancelled.alreadyStarted());
    }

    /** Puts one failed delivery back on the schedule, or publishes a held one: due now. */
    @PostMapping("/{postId}/deliveries/{deliveryId}/retry")
    PostView retry(@PathVariable UUID tenantId, @PathVariable UUID postId, @PathVariable UUID deliveryId) {
        return posts.retry(new TenantId(tenantId), new PostId(postId), deliveryId);
    }

    /**
     * Resumes a held post (one held because its menu item was sold out or out of season, say): every held delivery
     * goes back on the schedule, now or at the next sensible time (its own time when still ahead, else that time of
     * day when it next comes). Refused (409) while the item is still unavailable then; to drop the post, cancel it.
     */
    @PostMapping("/{postId}/resume")
    PostView resume(@PathVariable UUID tenantId, @PathVariable UUID postId,
            @Valid @RequestBody(required = false) ResumeRequest request) {
        boolean now = request != null && "now".equals(request.when());
        return posts.resume(new TenantId(tenantId), new PostId(postId), now);
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
