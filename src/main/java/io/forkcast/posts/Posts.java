package io.forkcast.posts;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.AccountStatus;
import io.forkcast.accounts.Accounts;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.accounts.Platform;
import io.forkcast.assets.AssetId;
import io.forkcast.assets.Assets;
import io.forkcast.assets.BrandAsset;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.Tenant;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import jakarta.persistence.criteria.Predicate;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's posts: creating them (validated per platform, the day's quota reserved, a publish job queued for
 * each), reading them, and the owner's changes while they wait (reschedule, new caption, cancel, retry).
 */
@Service
public class Posts {

    private final PostRepository posts;
    private final PostStore store;
    private final Accounts accounts;
    private final Assets assets;
    private final Tenants tenants;
    private final SchedulerClient jobs;
    private final PostsProperties properties;
    private final Clock clock;
    private final EngagementSync engagement;
    private final PostMetrics metrics;

    Posts(PostRepository posts, PostStore store, Accounts accounts, Assets assets, Tenants tenants,
            SchedulerClient jobs, PostsProperties properties, Clock clock, EngagementSync engagement,
            PostMetrics metrics) {
        this.metrics = metrics;
        this.engagement = engagement;
        this.posts = posts;
        this.store = store;
        this.accounts = accounts;
        this.assets = assets;
        this.tenants = tenants;
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Creates one post per account, sharing a group id, all due at the same moment; reserves them in the day's
     * quota (429 when the day is full) and queues their publish jobs, in one transaction.
     */
    @Transactional
    public List<PostView> create(TenantId tenantId, NewPost request) {
        return createPosts(tenantId, request);
    }

    /** A created group of posts as the API answers it: the status code and the body's bytes. */
    public record Response(int status, byte[] body) {
    }

    /**
     * As {@link #create(TenantId, NewPost)}, answered by {@code render}; once per {@code idempotencyKey} (kept for
     * {@code forkcast.posts.idempotency-key-ttl}): the same key with the same request answers exactly the first
     * response and creates nothing; with another request, 422. The key, the posts and the response commit together.
     */
    @Transactional
    public Response create(TenantId tenantId, NewPost request, String idempotencyKey,
            java.util.function.Function<List<PostView>, byte[]> render) {
        if (idempotencyKey != null) {
            Instant now = clock.instant();
            var earlier = store.claimIdempotent(tenantId.value(), idempotencyKey, hash(request), now,
                    now.minus(properties.idempotencyKeyTtl()));
            if (earlier.isPresent()) {
                if (!earlier.get().requestHash().equals(hash(request))) {
                    throw new DomainException(HttpStatus.UNPROCESSABLE_CONTENT, "This Idempotency-Key was used "
                            + "with another request; use a new key for a new post.");
                }
                if (earlier.get().status() == null) {
                    throw DomainException.conflict("A request with this Idempotency-Key is still being handled; "
                            + "retry in a moment.");
                }
                return new Response(earlier.get().status(), earlier.get().body());
            }
        }
        List<PostView> created = createPosts(tenantId, request);
        byte[] body = render.apply(created);
        if (idempotencyKey != null) {
            store.rememberResponse(tenantId.value(), idempotencyKey, created.getFirst().groupId(),
                    HttpStatus.CREATED.value(), body);
        }
        return new Response(HttpStatus.CREATED.value(), body);
    }

    /** Forgets every tenant's Idempotency-Keys older than {@code idempotency-key-ttl}; answers how many. */
    @Transactional
    public int forgetExpiredIdempotencyKeys() {
        return store.forgetIdempotentBefore(clock.instant().minus(properties.idempotencyKeyTtl()));
    }

    private static String hash(NewPost request) {
        String canonical = request.accountIds() + "\n" + request.caption() + "\n" + request.assetIds() + "\n"
                + request.scheduledFor() + "\n" + request.localTime() + "\n" + request.publishNow();
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<PostView> createPosts(TenantId tenantId, NewPost request) {
        Instant now = clock.instant();
        Tenant tenant = tenants.get(tenantId);
        ZoneId zone = tenant.timezone();
        if (request.publishNow() && (request.scheduledFor() != null || request.localTime() != null)) {
            throw new InvalidFieldException("scheduled_for", "Give either scheduled_for or publish_now, not both.");
        }
        Instant requested = request.localTime() != null ? request.localTime().atZone(zone).toInstant()
                : request.scheduledFor();
        Instant due = request.publishNow() ? now : checkTime(requested, now);
        List<UUID> accountIds = List.copyOf(new LinkedHashSet<>(request.accountIds()));
        List<ConnectedAccount> targets = new ArrayList<>();
        for (UUID accountId : accountIds) {
            ConnectedAccount account = accounts.find(tenantId, new AccountId(accountId)).orElseThrow(() ->
                    new InvalidFieldException("account_ids", "No account " + accountId + " is connected."));
            if (account.status() != AccountStatus.ACTIVE) {
                throw new InvalidFieldException("account_ids", "The account " + name(account) + " is "
                        + account.status().wireName().replace('_', ' ') + "; reconnect it before posting.");
            }
            targets.add(account);
        }
        List<BrandAsset> media = new ArrayList<>();
        for (UUID assetId : request.assetIds()) {
            try {
                media.add(assets.get(tenantId, new AssetId(assetId)));
            } catch (DomainException e) {
                throw new InvalidFieldException("asset_ids", "No asset " + assetId + " in the library.");
            }
        }
        for (ConnectedAccount account : targets) {
            PostRules.checkCaption(account.platform(), request.caption());
            if (account.platform() == Platform.INSTAGRAM
                    && media.stream().noneMatch(asset -> asset.fileType().startsWith("image/"))) {
                throw new InvalidFieldException("asset_ids", "Instagram needs at least one image.");
            }
        }
        LocalDate day = due.atZone(zone).toLocalDate();
        reserve(tenantId, zone, day, targets.size());
        UUID groupId = Ids.newId();
        List<PostView> created = new ArrayList<>();
        for (ConnectedAccount account : targets) {
            Post post = posts.saveAndFlush(new Post(tenantId.value(), account.id().value(), groupId, account.platform(),
                    request.caption(), due, day, now));
            store.addMedia(tenantId.value(), post.id(), request.assetIds());
            jobs.scheduleIfNotExists(PublishJob.instance(post.id(), tenantId.value()), due);
            created.add(PostView.of(post, request.assetIds(), List.of()));
            metrics.created(account.platform());
        }
        return created;
    }

    @Transactional(readOnly = true)
    public CursorPage<PostView> list(TenantId tenantId, PostQuery query, PageRequest page) {
        // Built from the filters given: PostgreSQL cannot type "? is null" on an absent parameter.
        Specification<Post> spec = (root, q, cb) -> {
            List<Predicate> where = new ArrayList<>();
            where.add(cb.equal(root.get("tenantId"), tenantId.value()));
            if (page.after() != null) {
                where.add(cb.greaterThan(root.get("id"), page.after()));
            }
            if (query.status() != null) {
                where.add(cb.equal(root.get("status"), query.status()));
            }
            if (query.accountId() != null) {
                where.add(cb.equal(root.get("accountId"), query.accountId()));
            }
            if (query.from() != null) {
                where.add(cb.greaterThanOrEqualTo(root.get("scheduledFor"), query.from()));
            }
            if (query.to() != null) {
                where.add(cb.lessThan(root.get("scheduledFor"), query.to()));
            }
            return cb.and(where.toArray(Predicate[]::new));
        };
        List<Post> rows = posts.findBy(spec, q -> q.sortBy(Sort.by("id")).limit(page.size() + 1).all());
        return CursorPage.of(rows, page.size(), Post::id,
                post -> PostView.of(post, store.media(tenantId.value(), post.id()), List.of()));
    }

    @Transactional(readOnly = true)
    public PostView get(TenantId tenantId, PostId postId) {
        Post post = find(tenantId, postId);
        return view(post);
    }

    /** Posts counted today against the plan's posts per day (the tenant's calendar day). */
    @Transactional(readOnly = true)
    public int postsToday(TenantId tenantId) {
        ZoneId zone = tenants.get(tenantId).timezone();
        return store.used(tenantId.value(), LocalDate.now(clock.withZone(zone)));
    }

    /** The engagement series of a post, oldest first (empty until it is published and synced). */
    @Transactional(readOnly = true)
    public List<EngagementSnapshot> engagement(TenantId tenantId, PostId postId) {
        Post post = find(tenantId, postId);
        return engagement.series(post.tenantId(), post.id());
    }

    /** Moves a scheduled post to another time; the quota moves with it when the day changes. */
    @Transactional
    public PostView reschedule(TenantId tenantId, PostId postId, Instant scheduledFor) {
        return reschedule(tenantId, postId, scheduledFor, null);
    }

    /**
     * As {@link #reschedule(TenantId, PostId, Instant)}, the time given either as an instant or as a local time
     * ({@code localTime}, when not null) in the tenant's time zone, as on creation.
     */
    @Transactional
    public PostView reschedule(TenantId tenantId, PostId postId, Instant scheduledFor, LocalDateTime localTime) {
        Post post = find(tenantId, postId);
        Instant now = clock.instant();
        ZoneId zone = tenants.get(tenantId).timezone();
        Instant due = checkTime(localTime != null ? localTime.atZone(zone).toInstant() : scheduledFor, now);
        LocalDate day = due.atZone(zone).toLocalDate();
        LocalDate before = post.quotaDay();
        post.reschedule(due, day, now);
        if (!day.equals(before)) {
            reserve(tenantId, zone, day, 1);
            if (before != null) {
                store.release(tenantId.value(), before, 1);
            }
        }
        posts.saveAndFlush(post);
        TaskInstanceId job = TaskInstanceId.of(PublishJob.NAME, post.id().toString());
        if (jobs.getScheduledExecution(job).isPresent()) {
            jobs.reschedule(job, due);
        } else {
            jobs.scheduleIfNotExists(PublishJob.instance(post.id(), tenantId.value()), due);
        }
        return view(post);
    }

    @Transactional
    public PostView editCaption(TenantId tenantId, PostId postId, String caption) {
        Post post = find(tenantId, postId);
        PostRules.checkCaption(post.platform(), caption);
        post.editCaption(caption, clock.instant());
        posts.saveAndFlush(post);
        return view(post);
    }

    /** Cancels a scheduled post: its job is removed and its slot in the day's quota returned. */
    @Transactional
    public PostView cancel(TenantId tenantId, PostId postId) {
        Post post = find(tenantId, postId);
        post.cancel(clock.instant());
        posts.saveAndFlush(post);
        if (post.quotaDay() != null) {
            store.release(tenantId.value(), post.quotaDay(), 1);
        }
        TaskInstanceId job = TaskInstanceId.of(PublishJob.NAME, post.id().toString());
        if (jobs.getScheduledExecution(job).filter(execution -> !execution.isPicked()).isPresent()) {
            jobs.cancel(job);
        }
        return view(post);
    }

    /** Puts a failed or held post back on the schedule, due now. */
    @Transactional
    public PostView retry(TenantId tenantId, PostId postId) {
        Post post = find(tenantId, postId);
        Instant now = clock.instant();
        post.retryFailed(now, now);
        posts.saveAndFlush(post);
        jobs.scheduleIfNotExists(PublishJob.instance(post.id(), tenantId.value()), now);
        return view(post);
    }

    private PostView view(Post post) {
        return PostView.of(post, store.media(post.tenantId(), post.id()), store.attempts(post.tenantId(), post.id()));
    }

    private Post find(TenantId tenantId, PostId postId) {
        return posts.findByTenantIdAndId(tenantId.value(), postId.value())
                .orElseThrow(() -> DomainException.notFound("Post"));
    }

    private Instant checkTime(Instant scheduledFor, Instant now) {
        if (scheduledFor == null) {
            throw new InvalidFieldException("scheduled_for", "Give scheduled_for, or publish_now: true.");
        }
        if (!scheduledFor.isAfter(now)) {
            throw new InvalidFieldException("scheduled_for", "The time must be in the future.");
        }
        if (scheduledFor.isAfter(now.plus(properties.horizon()))) {
            throw new InvalidFieldException("scheduled_for", "Posts can be scheduled at most "
                    + properties.horizon().toDays() + " days ahead.");
        }
        return scheduledFor;
    }

    private void reserve(TenantId tenantId, ZoneId zone, LocalDate day, int count) {
        int cap = tenants.planOf(tenantId).postsPerDay();
        if (!store.reserve(tenantId.value(), day, count, cap)) {
            String resets = day.plusDays(1).atStartOfDay(zone).toOffsetDateTime()
                    .format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
            throw new DomainException(HttpStatus.TOO_MANY_REQUESTS, "Your plan allows " + cap + " posts a day and "
                    + day + " has " + store.used(tenantId.value(), day) + " already; the day resets at " + resets
                    + ".");
        }
    }

    private static String name(ConnectedAccount account) {
        return account.username() == null ? account.id().toString() : account.username();
    }
}
