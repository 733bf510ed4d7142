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
import io.forkcast.google.GoogleClient;
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
import org.springframework.beans.factory.ObjectProvider;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final ObjectProvider<QueueSlots> slots;
    private final MenuItemHolds menuItemHolds;
    private final ObjectProvider<ApprovalPolicy> approvalPolicy;
    private final ApplicationEventPublisher events;
    private final GoogleClient google;
    private final DeliveryPreparer preparer;

    Posts(PostRepository posts, PostMedia media, DayQuota quota, Accounts accounts, Assets assets, Tenants tenants,
            SchedulerClient jobs, PostsProperties properties, Clock clock, EngagementSync engagement,
            PostMetrics metrics, VisitTimes visitTimes, RestaurantProfiles profiles, ObjectProvider<QueueSlots> slots,
            MenuItemHolds menuItemHolds, ObjectProvider<ApprovalPolicy> approvalPolicy,
            ApplicationEventPublisher events, GoogleClient google, DeliveryPreparer preparer) {
        this.google = google;
        this.preparer = preparer;
        this.menuItemHolds = menuItemHolds;
        this.events = events;
        this.profiles = profiles;
        this.slots = slots;
        this.approvalPolicy = approvalPolicy;
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
        if (request.queue() && (request.publishNow() || request.scheduledFor() != null
                || request.localTime() != null)) {
            throw new InvalidFieldException("queue", "A queued post takes the next free slot; give queue, "
                    + "scheduled_for or publish_now, one of them.");
        }
        Instant due = request.queue() ? null : request.publishNow() ? now
                : checkTime(at(request.scheduledFor(), request.localTime(), zone), now);
        visitTimes.checkMenuItem(tenantId, request.menuItemId());
        if (due != null) {
            visitTimes.checkOpen(tenantId, request.intent(), due, zone);
        }
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
            if (platform == Platform.GOOGLE_BUSINESS && !google.enabled()) {
                throw new InvalidFieldException("targets", GoogleClient.NOT_ENABLED);
            }
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
            if (target.firstComment() != null) {
                rules.firstCommentProblem().or(() -> platform.firstCommentProblem(target.firstComment()))
                        .ifPresent(problem -> {
                            throw new InvalidFieldException("targets.first_comment", problem);
                        });
            }
            rules.shareToFeedProblem(target.shareToFeed()).ifPresent(problem -> {
                throw new InvalidFieldException("targets.share_to_feed", problem);
            });
            targets.put(target.accountId(), new Post.Target(target.accountId(), platform, target.caption(),
                    target.format(), googleFields(platform, target.google(), account),
                    target.firstComment() == null ? null : target.firstComment().strip(),
                    target.location() == NewPost.Location.NONE ? null : place,
                    rules.feedSharing() ? !Boolean.FALSE.equals(target.shareToFeed()) : null));
        }
        if (request.queue()) {
            due = nextFreeSlot(tenantId, zone, targets.keySet(), request.intent(), now);
        }
        LocalDate day = due.atZone(zone).toLocalDate();
        quota.reserve(tenantId, zone, day, targets.size());
        Post created = new Post(tenantId.value(), request.caption(), due, day, List.copyOf(targets.values()),
                request.intent(), request.menuItemId(), now);
        if (request.queue()) {
            created.queued();
        }
        Post post = posts.saveAndFlush(created);
        this.media.add(tenantId.value(), post.id(), request.assetIds());
        if (approvalRequired(tenantId)) {
            // Its deliveries are held: their jobs are queued when it is approved.
            post.awaitApproval(now);
            post = posts.saveAndFlush(post);
            approvalRequested(tenantId, post);
            post.deliveries().forEach(delivery -> metrics.created(delivery.platform()));
            return PostView.of(post, request.assetIds(), true);
        }
        for (Delivery delivery : post.deliveries()) {
            jobs.scheduleIfNotExists(PublishJob.instance(delivery.id(), tenantId.value()), due);
            metrics.created(delivery.platform());
        }
        preparer.dueSoon(due);
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

    /** Scheduled posts that kept a time which is no longer one of their posting slots (no slot was free), soonest first. */
    @Transactional(readOnly = true)
    public List<PostView> keptOffTheQueue(TenantId tenantId, int most) {
        return posts.withQueueNote(tenantId.value(), org.springframework.data.domain.Limit.of(most)).stream()
                .map(this::view).toList();
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
        if (!google.enabled() && post.deliveries().stream().anyMatch(d -> d.platform() == Platform.GOOGLE_BUSINESS
                && changes.captionsByAccount().containsKey(d.accountId()))) {
            throw DomainException.conflict(GoogleClient.NOT_ENABLED);
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
        if (changes.rewords() || changes.moves()) {
            // Prepared ahead as it was: prepared again as it is now (Instagram's container carries the words; a
            // Facebook photo does not, and only a new time makes it go again).
            posts.forgetPreparations(tenantId.value(), post.id(), changes.moves());
        }
        boolean leavesQueue = changes.moves() && !post.pinned();
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
        if (!post.approval().holdsBack() && approvalRequired(tenantId)) {
            // Changed by someone whose posts need approval (after it was approved, too): it waits again.
            post.awaitApproval(now);
            approvalRequested(tenantId, posts.saveAndFlush(post));
        }
        PostView view = view(posts.saveAndFlush(post));
        preparer.dueSoon(post.scheduledFor());
        if (leavesQueue) {
            reflow(tenantId, now);
        }
        if (!changed.isEmpty()) {
            events.publishEvent(new PostChanged(tenantId, postId, PostChanged.Change.EDITED,
                    String.join("; ", changed)));
        }
        return view;
    }

    /** Where the post stands with the owner's approval. */
    @Transactional(readOnly = true)
    public ApprovalStage approvalStage(TenantId tenantId, PostId postId) {
        return find(tenantId, postId).approval();
    }

    /** A draft (changes were asked for) goes back to the approvers; 409 for a post in any other stage. */
    @Transactional
    public PostView submitForApproval(TenantId tenantId, PostId postId) {
        Post post = lock(tenantId, postId);
        if (post.approval() != ApprovalStage.DRAFT) {
            throw DomainException.conflict("Only a draft (a post sent back for changes) can be submitted again; "
                    + "this one is " + post.status().wireName().replace('_', ' ') + ".");
        }
        post.awaitApproval(clock.instant());
        return view(posts.saveAndFlush(post));
    }

    /**
     * Approves a post waiting for it: its deliveries go on the schedule at the time it was written for, or at
     * {@code at} when given (now when {@code publishNow}). When the written time has passed, refused (409, with the
     * time in {@code scheduled_for}) so that the approver picks a new one.
     */
    @Transactional
    public PostView approve(TenantId tenantId, PostId postId, Instant at, boolean publishNow) {
        Post post = lock(tenantId, postId);
        Instant now = clock.instant();
        ZoneId zone = tenants.get(tenantId).timezone();
        Instant due;
        if (publishNow) {
            due = now;
        } else if (at != null) {
            due = checkTime(at, now);
        } else if (post.scheduledFor().isAfter(now)) {
            due = post.scheduledFor();
        } else {
            throw DomainException.conflict("The post was written for " + post.scheduledFor().atZone(zone)
                    .toLocalDateTime().truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString().replace('T', ' ')
                    + ", which has passed; pick a new time (or publish it now) to approve it.")
                    .with("scheduled_for", post.scheduledFor());
        }
        LocalDate day = due.atZone(zone).toLocalDate();
        LocalDate before = post.quotaDay();
        if (!day.equals(before)) {
            quota.reserve(tenantId, zone, day, post.quotaSlots());
            if (before != null) {
                quota.release(tenantId, before, post.quotaSlots());
            }
        }
        post.approve(due, day, now);
        posts.saveAndFlush(post);
        for (Delivery delivery : post.deliveries()) {
            if (delivery.status() == DeliveryStatus.SCHEDULED) {
                queue(delivery, due);
            }
        }
        return view(post);
    }

    /** An approver asks for changes: the post goes back to its author as a draft; it still does not publish. */
    @Transactional
    public PostView returnToDraft(TenantId tenantId, PostId postId) {
        Post post = lock(tenantId, postId);
        post.returnToDraft(clock.instant());
        return view(posts.saveAndFlush(post));
    }

    /** Rejects a post waiting for approval: its deliveries are cancelled and their quota slots returned. */
    @Transactional
    public PostView reject(TenantId tenantId, PostId postId) {
        Post post = lock(tenantId, postId);
        int slotsBefore = post.quotaSlots();
        post.reject(clock.instant());
        if (post.quotaDay() != null) {
            quota.release(tenantId, post.quotaDay(), slotsBefore - post.quotaSlots());
        }
        return view(posts.saveAndFlush(post));
    }

    private boolean approvalRequired(TenantId tenantId) {
        ApprovalPolicy policy = approvalPolicy.getIfAvailable();
        return policy != null && policy.required(tenantId);
    }

    private void approvalRequested(TenantId tenantId, Post post) {
        ApprovalPolicy policy = approvalPolicy.getIfAvailable();
        if (policy != null) {
            policy.requested(tenantId, new PostId(post.id()));
        }
    }

    /**
     * Cancels every delivery of the post not yet started: their jobs are removed and their slots in the day's quota
     * returned. Answers which deliveries had started (or gone out) already.
     */
    @Transactional
    public CancelledPost cancel(TenantId tenantId, PostId postId) {
        Post post = lock(tenantId, postId);
        int slotsBefore = post.quotaSlots();
        boolean wasQueued = !post.pinned();
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
        if (wasQueued) {
            reflow(tenantId, clock.instant());
        }
        return cancelled;
    }

    /**
     * The first free posting slot of every target (locked for this transaction): 422 when the targets have no
     * slot free within the scheduling horizon.
     */
    private Instant nextFreeSlot(TenantId tenantId, ZoneId zone, Set<UUID> accountIds,
            io.forkcast.captions.Intent intent, Instant now) {
        QueueSlots queue = slots.getIfAvailable();
        if (queue == null) {
            throw new InvalidFieldException("queue", "This Forkcast has no posting slots; give scheduled_for.");
        }
        queue.lock(tenantId, accountIds);
        Map<UUID, Set<Instant>> taken = taken(tenantId, accountIds, now, Set.of());
        return queue.next(tenantId, zone, accountIds, intent, now, now.plus(properties.horizon()), taken)
                .orElseThrow(() -> new DomainException(org.springframework.http.HttpStatus.UNPROCESSABLE_CONTENT,
                        "No free posting slot for " + (accountIds.size() == 1 ? "this account" : "these accounts")
                                + " in the next " + properties.horizon().toDays() + " days"
                                + (intent == io.forkcast.captions.Intent.VISIT ? " while the restaurant is open" : "")
                                + "; add posting slots or give the post a time.")
                        .with("errors", List.of(Map.of("field", "queue", "message", "No free posting slot."))));
    }

    /** When each account already has a post waiting (scheduled or held), leaving out the posts {@code except}. */
    private Map<UUID, Set<Instant>> taken(TenantId tenantId, Set<UUID> accountIds, Instant after, Set<UUID> except) {
        Map<UUID, Set<Instant>> taken = new HashMap<>();
        if (accountIds.isEmpty()) {
            return taken;
        }
        for (Delivery delivery : posts.waitingTo(tenantId.value(), accountIds, after)) {
            if (!except.contains(delivery.post().id())) {
                taken.computeIfAbsent(delivery.accountId(), a -> new HashSet<>()).add(delivery.dueAt());
            }
        }
        return taken;
    }

    /**
     * Moves the tenant's queued posts up into the slots freed before them, in queue order: each goes to the first
     * free slot of its targets when that is earlier than its time, and keeps its time otherwise. Pinned posts, and
     * queued posts with a delivery held or under way, are never moved (their times stay taken); a post whose earlier
     * day has no quota left stays where it is.
     */
    private void reflow(TenantId tenantId, Instant now) {
        QueueSlots queue = slots.getIfAvailable();
        if (queue == null) {
            return;
        }
        List<Post> queued = posts.queuedAfter(tenantId.value(), now);
        if (queued.isEmpty()) {
            return;
        }
        ZoneId zone = tenants.get(tenantId).timezone();
        Set<UUID> accountIds = new HashSet<>();
        queued.forEach(p -> p.deliveries().forEach(d -> accountIds.add(d.accountId())));
        queue.lock(tenantId, accountIds);
        Set<UUID> movable = new HashSet<>();
        for (Post post : queued) {
            if (post.deliveries().stream().allMatch(d -> d.status() == DeliveryStatus.SCHEDULED)) {
                movable.add(post.id());
            }
        }
        Map<UUID, Set<Instant>> taken = taken(tenantId, accountIds, now, movable);
        for (Post candidate : queued) {
            if (!movable.contains(candidate.id())) {
                continue;
            }
            Post post = lock(tenantId, new PostId(candidate.id()));
            List<UUID> to = post.deliveries().stream().map(Delivery::accountId).toList();
            Instant at = post.scheduledFor();
            Instant earlier = queue.next(tenantId, zone, to, post.intent(), now, at, taken)
                    .filter(slot -> slot.isBefore(post.scheduledFor())).orElse(null);
            if (earlier != null && moveUp(tenantId, zone, post, earlier, now)) {
                at = earlier;
            }
            for (UUID account : to) {
                taken.computeIfAbsent(account, a -> new HashSet<>()).add(at);
            }
        }
    }

    /**
     * Re-places the tenant's queued posts whose time is no longer a slot time of their accounts (a slot removed or
     * moved, the restaurant's time zone changed): in queue order, each goes to the first free slot of its accounts
     * from now on, as if it were queued now. A post with no free slot within the horizon (or whose new day has no
     * quota left) keeps its time, and its {@code queue_note} tells the owner why. Pinned posts, and queued posts with
     * a delivery held or under way, never move. Answers how many posts moved.
     */
    @Transactional
    public int requeue(TenantId tenantId) {
        QueueSlots queue = slots.getIfAvailable();
        if (queue == null) {
            return 0;
        }
        Instant now = clock.instant();
        List<Post> queued = posts.queuedAfter(tenantId.value(), now);
        if (queued.isEmpty()) {
            return 0;
        }
        ZoneId zone = tenants.get(tenantId).timezone();
        Set<UUID> accountIds = new HashSet<>();
        queued.forEach(p -> p.deliveries().forEach(d -> accountIds.add(d.accountId())));
        queue.lock(tenantId, accountIds);
        Set<UUID> stranded = new HashSet<>();
        for (Post post : queued) {
            List<UUID> to = post.deliveries().stream().map(Delivery::accountId).toList();
            Instant at = post.scheduledFor();
            boolean movable = post.deliveries().stream().allMatch(d -> d.status() == DeliveryStatus.SCHEDULED);
            if (movable && queue.next(tenantId, zone, to, post.intent(), at.minusSeconds(1), at, Map.of()).isEmpty()) {
                stranded.add(post.id());
            }
        }
        Map<UUID, Set<Instant>> taken = taken(tenantId, accountIds, now, stranded);
        int moved = 0;
        for (Post candidate : queued) {
            if (!stranded.contains(candidate.id())) {
                continue;
            }
            Post post = lock(tenantId, new PostId(candidate.id()));
            List<UUID> to = post.deliveries().stream().map(Delivery::accountId).toList();
            Instant at = post.scheduledFor();
            Instant slot = queue.next(tenantId, zone, to, post.intent(), now, now.plus(properties.horizon()), taken)
                    .orElse(null);
            if (slot != null && moveUp(tenantId, zone, post, slot, now)) {
                at = slot;
                moved++;
            } else {
                post.strandedInQueue(slot == null
                        ? "Its posting slot is gone (removed, or moved by a time zone change) and no other slot of its accounts is free in the next "
                                + properties.horizon().toDays() + " days"
                                + (post.intent() == io.forkcast.captions.Intent.VISIT
                                        ? " while the restaurant is open" : "")
                                + ", so it keeps its time; add a posting slot or give it a time."
                        : "Its posting slot is gone (removed, or moved by a time zone change) and the next free slot falls on a day whose posting limit "
                                + "is reached, so it keeps its time; give it a time or free that day.", now);
                posts.saveAndFlush(post);
            }
            for (UUID account : to) {
                taken.computeIfAbsent(account, a -> new HashSet<>()).add(at);
            }
        }
        return moved;
    }

    private boolean moveUp(TenantId tenantId, ZoneId zone, Post post, Instant at, Instant now) {
        LocalDate day = at.atZone(zone).toLocalDate();
        LocalDate before = post.quotaDay();
        if (!day.equals(before)) {
            try {
                quota.reserve(tenantId, zone, day, post.quotaSlots());
            } catch (DomainException dayIsFull) {
                return false;
            }
            if (before != null) {
                quota.release(tenantId, before, post.quotaSlots());
            }
        }
        post.moveUpInQueue(at, day, now);
        posts.saveAndFlush(post);
        for (Delivery delivery : post.deliveries()) {
            queue(delivery, at);
        }
        return true;
    }

    /** Puts one failed or held delivery back on the schedule, due now. */
    @Transactional
    public PostView retry(TenantId tenantId, PostId postId, UUID deliveryId) {
        Post post = lock(tenantId, postId);
        Instant now = clock.instant();
        requireGoogleFor(List.of(post.delivery(deliveryId)));
        post.retry(deliveryId, now, now);
        posts.saveAndFlush(post);
        queue(post.delivery(deliveryId), now);
        events.publishEvent(new PostChanged(tenantId, postId, PostChanged.Change.RETRIED, "delivery " + deliveryId));
        return view(post);
    }

    /**
     * Resumes a post held for its menu item (or any held post): its held deliveries go back on the schedule, due
     * now or at the next sensible time (the post's own time when still ahead, else the same local time of day on the
     * next day it comes round; for a {@code visit} post, that time on the next day the restaurant is open then, else
     * its next opening). Refused (409) while the item is still sold out or out of season at that time, and (422) when
     * a visit post would resume while the restaurant is closed.
     */
    @Transactional
    public PostView resume(TenantId tenantId, PostId postId, boolean now) {
        Post post = lock(tenantId, postId);
        Instant current = clock.instant();
        ZoneId zone = tenants.get(tenantId).timezone();
        Instant at = now ? current : visitTimes.openForVisit(tenantId, post.intent(),
                nextSensibleTime(post.scheduledFor(), current, zone), zone);
        visitTimes.checkOpen(tenantId, post.intent(), at, zone);
        menuItemHolds.reason(tenantId, post.menuItemId(), at).ifPresent(reason -> {
            throw DomainException.conflict(reason + " Set it available first, or drop the post.");
        });
        requireGoogleFor(post.deliveries().stream().filter(d -> d.status() == DeliveryStatus.HELD).toList());
        List<Delivery> resumed = post.resume(at, current);
        posts.saveAndFlush(post);
        for (Delivery delivery : resumed) {
            queue(delivery, at);
        }
        return view(post);
    }

    /**
     * Refuses (409) to put a Google delivery back on the schedule while this Forkcast has Google switched off: it
     * would only be held again when due.
     */
    private void requireGoogleFor(List<Delivery> deliveries) {
        if (!google.enabled() && deliveries.stream().anyMatch(d -> d.platform() == Platform.GOOGLE_BUSINESS)) {
            throw DomainException.conflict(GoogleClient.NOT_ENABLED);
        }
    }

    /** The post's own time when it is still a minute or more ahead; else that local time of day when it next comes. */
    static Instant nextSensibleTime(Instant scheduledFor, Instant now, ZoneId zone) {
        Instant soonest = now.plusSeconds(60);
        if (!scheduledFor.isBefore(soonest)) {
            return scheduledFor;
        }
        java.time.LocalTime time = scheduledFor.atZone(zone).toLocalTime();
        java.time.LocalDate day = now.atZone(zone).toLocalDate();
        Instant next = day.atTime(time).atZone(zone).toInstant();
        while (next.isBefore(soonest)) {
            day = day.plusDays(1);
            next = day.atTime(time).atZone(zone).toInstant();
        }
        return next;
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
