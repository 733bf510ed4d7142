package io.forkcast.posts;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.TaskInstanceId;
import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.AccountStatus;
import io.forkcast.accounts.Accounts;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.assets.AssetId;
import io.forkcast.assets.Assets;
import io.forkcast.assets.BrandAsset;
import io.forkcast.captions.RestaurantPlace;
import io.forkcast.captions.RestaurantProfiles;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.shared.GooglePost;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import jakarta.persistence.criteria.Join;
import jakarta.persistence.criteria.Predicate;
import jakarta.persistence.criteria.Subquery;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.data.domain.Sort;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's posts: creating them (validated for each network, one quota slot per delivery, a publish job per
 * delivery), reading them, and the owner's changes to a whole post while it waits (reschedule, edit, cancel) or to
 * one delivery after it failed (retry). Answers in the domain's terms; HTTP is the controller's business.
 */
@Service
public class Posts {

    private final PostRepository posts;
    private final PostMedia media;
    private final DayQuota quota;
    private final Accounts accounts;
    private final Assets assets;
    private final Tenants tenants;
    private final SchedulerClient jobs;
    private final PostsProperties properties;
    private final Clock clock;
    private final EngagementSync engagement;
    private final PostMetrics metrics;
    private final VisitTimes visitTimes;
    private final RestaurantProfiles profiles;
    private final ApplicationEventPublisher events;

    Posts(PostRepository posts, PostMedia media, DayQuota quota, Accounts accounts, Assets assets, Tenants tenants,
            SchedulerClient jobs, PostsProperties properties, Clock clock, EngagementSync engagement,
            PostMetrics metrics, VisitTimes visitTimes, RestaurantProfiles profiles, ApplicationEventPublisher events) {
        this.events = events;
        this.profiles = profiles;
        this.posts = posts;
        this.media = media;
        this.quota = quota;
        this.accounts = accounts;
        this.assets = assets;
        this.tenants = tenants;
        this.jobs = jobs;
        this.properties = properties;
        this.clock = clock;
        this.engagement = engagement;
        this.metrics = metrics;
        this.visitTimes = visitTimes;
    }

    /**
     * Creates the post with one delivery per target account, all due at the same moment; reserves one slot of the
     * day's quota per delivery (429 when the day is full) and queues their publish jobs, in one transaction.
     */
    @Transactional
    public PostView create(TenantId tenantId, NewPost request) {
        Instant now = clock.instant();
        ZoneId zone = tenants.get(tenantId).timezone();
        if (request.publishNow() && (request.scheduledFor() != null || request.localTime() != null)) {
            throw new InvalidFieldException("scheduled_for", "Give either scheduled_for or publish_now, not both.");
        }
        Instant due = request.publishNow() ? now : checkTime(at(request.scheduledFor(), request.localTime(), zone),
                now);
        visitTimes.checkMenuItem(tenantId, request.menuItemId());
        visitTimes.checkOpen(tenantId, request.intent(), due, zone);
        List<BrandAsset> media = new ArrayList<>();
        for (UUID assetId : request.assetIds()) {
            try {
                media.add(assets.get(tenantId, new AssetId(assetId)));
            } catch (DomainException e) {
                throw new InvalidFieldException("asset_ids", "No asset " + assetId + " in the library.");
            }
        }
        Map<UUID, Post.Target> targets = new LinkedHashMap<>();
        // Read once: every delivery tagged by default is tagged at the place the profile names now.
        String place = profiles.place(tenantId).map(RestaurantPlace::pageId).orElse(null);
        for (NewPost.Target target : request.targets()) {
            if (targets.containsKey(target.accountId())) {
                throw new InvalidFieldException("targets", "The account " + target.accountId() + " is named twice.");
            }
            ConnectedAccount account = accounts.find(tenantId, new AccountId(target.accountId())).orElseThrow(() ->
                    new InvalidFieldException("targets", "No account " + target.accountId() + " is connected."));
            if (account.status() != AccountStatus.ACTIVE) {
                throw new InvalidFieldException("targets", "The account " + name(account) + " is "
                        + account.status().wireName().replace('_', ' ') + "; reconnect it before posting.");
            }
            Platform platform = account.platform();
            checkCaption(platform, target.caption() != null ? target.caption() : request.caption(),
                    target.caption() != null ? "targets.caption" : "caption");
            if (platform.needsImage() && media.isEmpty()) {
                throw new InvalidFieldException("asset_ids", platform.displayName() + " needs at least one image.");
            }
            Platform.MediaRules rules = platform.rules(target.format()).orElseThrow(() ->
                    new InvalidFieldException("targets.format", platform.displayName() + " has no "
                            + target.format().displayName() + "."));
            rules.problem(media.stream().map(BrandAsset::facts).toList()).ifPresent(problem -> {
                throw new InvalidFieldException("asset_ids", problem);
            });
            if (platform == Platform.FACEBOOK
                    && (target.format() != Platform.Format.FEED || media.stream().anyMatch(BrandAsset::video))) {
                // The rules above are checked already, so that the owner learns what the network would refuse; the
                // publisher does not yet speak Facebook's video, Reel and Story flows (Instagram's it does).
                throw new InvalidFieldException(target.format() != Platform.Format.FEED ? "targets.format"
                        : "asset_ids", platform.displayName() + " " + (target.format() != Platform.Format.FEED
                        ? target.format().displayName() + "s are" : "videos are")
                        + " not published by Forkcast yet; post photos to the Page's feed.");
            }
            if (target.firstComment() != null) {
                platform.firstCommentProblem(target.firstComment()).ifPresent(problem -> {
                    throw new InvalidFieldException("targets.first_comment", problem);
                });
            }
            targets.put(target.accountId(), new Post.Target(target.accountId(), platform, target.caption(),
                    target.format(), googleFields(platform, target.google(), account),
                    target.firstComment() == null ? null : target.firstComment().strip(),
                    target.location() == NewPost.Location.NONE ? null : place));
        }
        LocalDate day = due.atZone(zone).toLocalDate();
        quota.reserve(tenantId, zone, day, targets.size());
        Post post = posts.saveAndFlush(new Post(tenantId.value(), request.caption(), due, day,
                List.copyOf(targets.values()), request.intent(), request.menuItemId(), now));
        this.media.add(tenantId.value(), post.id(), request.assetIds());
        for (Delivery delivery : post.deliveries()) {
            jobs.scheduleIfNotExists(PublishJob.instance(delivery.id(), tenantId.value()), due);
            metrics.created(delivery.platform());
        }
        events.publishEvent(new PostChanged(tenantId, new PostId(post.id()), PostChanged.Change.CREATED,
                targets.size() + (targets.size() == 1 ? " account" : " accounts") + ", "
                        + (request.publishNow() ? "now" : "for " + due) + captionSummary(request.caption())));
        return PostView.of(post, request.assetIds(), true);
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
                Subquery<UUID> to = q.subquery(UUID.class);
                var delivery = to.from(Delivery.class);
                Join<Delivery, Post> of = delivery.join("post");
                to.select(of.get("id")).where(cb.equal(delivery.get("tenantId"), tenantId.value()),
                        cb.equal(delivery.get("accountId"), query.accountId()));
                where.add(root.get("id").in(to));
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
        Map<UUID, List<UUID>> assetsOf = media.of(tenantId.value(), rows.stream().map(Post::id).toList());
        return CursorPage.of(rows, page.size(), Post::id,
                post -> PostView.of(post, assetsOf.getOrDefault(post.id(), List.of()), false));
    }

    @Transactional(readOnly = true)
    public PostView get(TenantId tenantId, PostId postId) {
        return view(find(tenantId, postId));
    }

    /** Posts counted today against the plan's posts per day (the tenant's calendar day), one per delivery. */
    @Transactional(readOnly = true)
    public int postsToday(TenantId tenantId) {
        ZoneId zone = tenants.get(tenantId).timezone();
        return quota.used(tenantId, LocalDate.now(clock.withZone(zone)));
    }

    /** The engagement series of one delivery, oldest first (empty until it is published and synced). */
    @Transactional(readOnly = true)
    public List<EngagementSnapshot> engagement(TenantId tenantId, PostId postId, UUID deliveryId) {
        Delivery delivery = find(tenantId, postId).delivery(deliveryId);
        return engagement.series(delivery.tenantId(), delivery.id());
    }

    /**
     * Changes the whole post before any delivery has started (409 naming the delivery that has): a new time moves
     * every delivery and the quota (when the day changes) together, or nothing moves; new captions are checked
     * against each network's rules first.
     */
    @Transactional
    public PostView change(TenantId tenantId, PostId postId, PostChanges changes) {
        Post post = lock(tenantId, postId);
        Instant now = clock.instant();
        for (UUID accountId : changes.captionsByAccount().keySet()) {
            if (post.deliveries().stream().noneMatch(d -> d.accountId().equals(accountId))) {
                throw new InvalidFieldException("targets", "The post does not go to the account " + accountId + ".");
            }
        }
        List<String> changed = new ArrayList<>();
        if (changes.rewords()) {
            changed.add("caption");
            for (Delivery delivery : post.deliveries()) {
                String caption = changes.captionsByAccount().containsKey(delivery.accountId())
                        ? changes.captionsByAccount().get(delivery.accountId())
                        : delivery.captionOverride();
                checkCaption(delivery.platform(), caption != null ? caption
                        : changes.caption() != null ? changes.caption() : post.caption(), "caption");
            }
            post.edit(changes.caption(), changes.captionsByAccount(), now);
        }
        if (changes.moves()) {
            ZoneId zone = tenants.get(tenantId).timezone();
            Instant due = checkTime(at(changes.scheduledFor(), changes.localTime(), zone), now);
            visitTimes.checkOpen(tenantId, post.intent(), due, zone);
            LocalDate day = due.atZone(zone).toLocalDate();
            LocalDate before = post.quotaDay();
            changed.add("time: " + due);
            post.reschedule(due, day, now);
            if (!day.equals(before)) {
                quota.reserve(tenantId, zone, day, post.quotaSlots());
                if (before != null) {
                    quota.release(tenantId, before, post.quotaSlots());
                }
            }
            for (Delivery delivery : post.deliveries()) {
                if (delivery.status() == DeliveryStatus.SCHEDULED) {
                    queue(delivery, due);
                }
            }
        }
        PostView view = view(posts.saveAndFlush(post));
        if (!changed.isEmpty()) {
            events.publishEvent(new PostChanged(tenantId, postId, PostChanged.Change.EDITED,
                    String.join("; ", changed)));
        }
        return view;
    }

    /**
     * Cancels every delivery of the post not yet started: their jobs are removed and their slots in the day's quota
     * returned. Answers which deliveries had started (or gone out) already.
     */
    @Transactional
    public CancelledPost cancel(TenantId tenantId, PostId postId) {
        Post post = lock(tenantId, postId);
        int slotsBefore = post.quotaSlots();
        List<Delivery> started = post.cancel(clock.instant());
        if (post.quotaDay() != null) {
            quota.release(tenantId, post.quotaDay(), slotsBefore - post.quotaSlots());
        }
        for (Delivery delivery : post.deliveries()) {
            if (delivery.status() == DeliveryStatus.CANCELLED) {
                TaskInstanceId job = TaskInstanceId.of(PublishJob.NAME, delivery.id().toString());
                if (jobs.getScheduledExecution(job).filter(execution -> !execution.isPicked()).isPresent()) {
                    jobs.cancel(job);
                }
            }
        }
        CancelledPost cancelled = new CancelledPost(view(posts.saveAndFlush(post)),
                started.stream().map(Delivery::id).toList());
        events.publishEvent(new PostChanged(tenantId, postId, PostChanged.Change.CANCELLED, started.isEmpty()
                ? "every delivery cancelled" : started.size() + " delivery(ies) had started and were kept"));
        return cancelled;
    }

    /** Puts one failed or held delivery back on the schedule, due now. */
    @Transactional
    public PostView retry(TenantId tenantId, PostId postId, UUID deliveryId) {
        Post post = lock(tenantId, postId);
        Instant now = clock.instant();
        post.retry(deliveryId, now, now);
        posts.saveAndFlush(post);
        queue(post.delivery(deliveryId), now);
        events.publishEvent(new PostChanged(tenantId, postId, PostChanged.Change.RETRIED, "delivery " + deliveryId));
        return view(post);
    }

    /** The caption's first words, for a record of who did what (never the whole text). */
    private static String captionSummary(String caption) {
        if (caption == null || caption.isBlank()) {
            return "";
        }
        String line = caption.strip().replaceAll("\\s+", " ");
        return ": \"" + (line.length() > 60 ? line.substring(0, 60) + "…" : line) + "\"";
    }

    private void queue(Delivery delivery, Instant due) {
        TaskInstanceId job = TaskInstanceId.of(PublishJob.NAME, delivery.id().toString());
        if (jobs.getScheduledExecution(job).isPresent()) {
            jobs.reschedule(job, due);
        } else {
            jobs.scheduleIfNotExists(PublishJob.instance(delivery.id(), delivery.tenantId()), due);
        }
    }

    private PostView view(Post post) {
        return PostView.of(post, media.of(post.tenantId(), post.id()), true);
    }

    private Post find(TenantId tenantId, PostId postId) {
        return posts.findByTenantIdAndId(tenantId.value(), postId.value())
                .orElseThrow(() -> DomainException.notFound("Post"));
    }

    private Post lock(TenantId tenantId, PostId postId) {
        return posts.lock(tenantId.value(), postId.value()).orElseThrow(() -> DomainException.notFound("Post"));
    }

    private static Instant at(Instant scheduledFor, LocalDateTime localTime, ZoneId zone) {
        return localTime != null ? localTime.atZone(zone).toInstant() : scheduledFor;
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

    /** A Google listing's post fields, checked against Google's rules; other networks take none. */
    private static GooglePost googleFields(Platform platform, GooglePost google, ConnectedAccount account) {
        if (platform != Platform.GOOGLE_BUSINESS) {
            if (google != null) {
                throw new InvalidFieldException("targets.google", "Only a Google listing takes Google's post "
                        + "fields; " + name(account) + " is not one.");
            }
            return null;
        }
        GooglePost fields = google == null ? GooglePost.WHATS_NEW : google;
        fields.problems().entrySet().stream().findFirst().ifPresent(problem -> {
            throw new InvalidFieldException("targets.google." + problem.getKey(), problem.getValue());
        });
        return fields;
    }

    private static void checkCaption(Platform platform, String caption, String field) {
        platform.captionProblem(caption).ifPresent(problem -> {
            throw new InvalidFieldException(field, problem);
        });
    }

    private static String name(ConnectedAccount account) {
        return account.username() == null ? account.id().toString() : account.username();
    }
}
