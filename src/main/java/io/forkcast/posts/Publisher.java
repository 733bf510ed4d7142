package io.forkcast.posts;

import io.forkcast.accounts.AccessTokens;
import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.Accounts;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import io.forkcast.assets.AssetId;
import io.forkcast.assets.Assets;
import io.forkcast.assets.BrandAsset;
import io.forkcast.assets.AssetVariant;
import io.forkcast.assets.MediaUrls;
import io.forkcast.captions.RestaurantProfiles;
import io.forkcast.google.GoogleClient;
import io.forkcast.shared.GooglePost;
import io.forkcast.google.GoogleError;
import io.forkcast.google.LocalPost;
import io.forkcast.google.NewLocalPost;
import io.forkcast.meta.GraphClient;
import io.forkcast.meta.GraphError;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Publishes one delivery of a post: records the attempt, reconciles first when an earlier attempt's outcome is
 * unknown, calls Graph, and hands the outcome to the post. Answers when to try again, if at all.
 */
@Component
class Publisher {

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    /**
     * What the job does next: nothing, run again at {@code retryAt}, or record what the network {@code accepted} in a
     * run of its own (see {@link PublishJob}).
     */
    record Next(Instant retryAt, Accepted accepted) {
        static final Next DONE = new Next(null, null);

        static Next retryAt(Instant at) {
            return new Next(at, null);
        }

        static Next record(Accepted accepted) {
            return new Next(null, accepted);
        }
    }

    /**
     * The network took the delivery in attempt {@code attemptId} of post {@code postId}: live from {@code postedAt},
     * as {@code platformPostId} ({@code permalink} null when Graph did not tell it). Still to be recorded on the post.
     */
    record Accepted(UUID postId, UUID attemptId, String platformPostId, String permalink, Instant postedAt) {
    }

    /** The attempt before this one, as it ended (or did not). */
    record Previous(int number, Instant startedAt, AttemptOutcome outcome, String containerId) {
    }

    /**
     * What an attempt needs once its transaction committed; {@code late}: it starts after {@code late-after};
     * {@code altTexts} by asset (absent: none); {@code placeId} the place to tag (null: none); {@code video}: a
     * medium is a video; {@code uploadId} the latest upload (container, video or photo id) any attempt recorded,
     * {@code uploadSince} when the first attempt that recorded it started (nothing it published is older);
     * {@code prepared} what was made ahead of the time (null: nothing). Without an attempt ({@code attemptId} null)
     * it describes a delivery being prepared ahead of its time.
     */
    record Started(UUID postId, UUID deliveryId, UUID attemptId, int number, Previous previous,
            UUID accountId, boolean instagram, String caption, Instant dueAt, List<UUID> assetIds, boolean late,
            TenantId tenantId, GooglePost google, java.util.Map<UUID, String> altTexts, String placeId,
            Platform.Format format, boolean video, String uploadId, Instant uploadSince, boolean shareToFeed,
            java.util.Map<UUID, BrandAsset> media, Preparation prepared) {

        /** The post's media as read when the attempt started, in order: the Graph calls need no read of their own. */
        BrandAsset medium(UUID assetId) {
            return Objects.requireNonNull(media.get(assetId), "medium of the attempt");
        }

        /** Facebook's video, Reel and Story flows: an upload Meta processes, then publishes. */
        boolean facebookMedia() {
            return !instagram && (format != Platform.Format.FEED || video);
        }

        GraphClient.Extras extras(UUID assetId, boolean withPlace) {
            return new GraphClient.Extras(altTexts.get(assetId), withPlace ? placeId : null);
        }
    }

    private final PostRepository posts;
    private final PostMedia media;
    private final AccessTokens tokens;
    private final Accounts accounts;
    private final MediaUrls mediaUrls;
    private final Assets assets;
    private final GraphClient graph;
    private final GoogleClient google;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate tx;
    private final TransactionTemplate readOnly;
    private final PostsProperties properties;
    private final Clock clock;
    private final ObjectProvider<SchedulerClient> jobs;
    private final FacebookMedia facebook;
    private final MenuItemHolds menuItemHolds;
    private final RestaurantProfiles profiles;

    /** The scheduler client is looked up when needed: it is built from every task bean, the publish job's too. */

    Publisher(PostRepository posts, PostMedia media, AccessTokens tokens, Accounts accounts, MediaUrls mediaUrls,
            GraphClient graph, GoogleClient google, CurrentTenant currentTenant,
            PlatformTransactionManager transactions, PostsProperties properties, Clock clock, Assets assets,
            ObjectProvider<SchedulerClient> jobs, FacebookMedia facebook, MenuItemHolds menuItemHolds,
            RestaurantProfiles profiles) {
        this.facebook = facebook;
        this.profiles = profiles;
        this.menuItemHolds = menuItemHolds;
        this.google = google;
        this.jobs = jobs;
        this.posts = posts;
        this.media = media;
        this.tokens = tokens;
        this.accounts = accounts;
        this.mediaUrls = mediaUrls;
        this.assets = assets;
        this.graph = graph;
        this.currentTenant = currentTenant;
        this.tx = new TransactionTemplate(transactions);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Why a Google delivery due while the operator has switched Google off waits for its owner. Held, not failed:
     * nothing went out and nothing is lost, the owner sees the post waiting with this reason and decides (cancel it,
     * or publish it once Google is back); it never goes out on its own days late when Google returns.
     */
    static final String GOOGLE_OFF = "Google is not enabled on this Forkcast, so this post did not go to your Google "
            + "listing. Cancel it, or publish it again once Google is switched back on.";
    /** The hold's code in the API ({@code failure.code}). */
    static final String GOOGLE_OFF_CODE = "google_off";

    Next publish(TenantId tenantId, UUID deliveryId) {
        // In the tenant's scope: on PostgreSQL row-level security applies to everything this path reads and writes,
        // tokens included.
        return currentTenant.callAsTenant(tenantId, null, () -> run(tenantId, deliveryId));
    }

    /**
     * An attempt started, with the account's token when it is a Meta account's (read in the same transaction: no
     * round trips of its own), or why the account cannot publish ({@code refused}); neither for a Google account.
     * {@code prepared}: what was made ahead of the time for this very delivery and is still good to publish (its
     * first attempt only: a later one reconciles first, and makes what it needs); an Instagram container is already
     * recorded on the attempt.
     */
    private record Begun(Started started, AccessTokens.PublishingToken token, DomainException refused,
            Preparation prepared) {
    }

    private Next run(TenantId tenantId, UUID deliveryId) {
        Begun begun = tx.execute(status -> begin(tenantId, deliveryId));
        if (begun == null) {
            return Next.DONE;
        }
        Started started = begun.started();
        AccessTokens.PublishingToken token = begun.token();
        try {
            if (begun.refused() != null) {
                throw begun.refused();
            }
            if (token == null) {
                token = tokens.forPublishing(tenantId, new AccountId(started.accountId()));
            }
        } catch (DomainException e) {
            finish(started, new PublishOutcome.Failed(new PublishOutcome.Failure("account", e.getMessage(),
                    PublishOutcome.FailureKind.ACCOUNT)));
            return Next.DONE;
        }
        if (token.platform() == Platform.GOOGLE_BUSINESS) {
            return publishGoogle(tenantId, started, token);
        }
        try {
            boolean unknown = started.previous() != null && started.previous().outcome().unknown();
            // An upload or container an earlier attempt made is looked at first however that attempt ended: Meta may
            // publish a Reel or Story it was told to finish even after Forkcast stopped waiting, and a container
            // Instagram says is PUBLISHED is never made again.
            boolean uploaded = (started.facebookMedia() || started.instagram()) && started.uploadId() != null;
            if (unknown || started.late() || uploaded) {
                Optional<GraphClient.PlatformMedia> found = started.facebookMedia()
                        ? facebook.reconcile(started, token) : reconcile(started, token);
                if (found.isPresent()) {
                    if (found.get().id() == null) {
                        log.info("Delivery {} was already published (container {} is PUBLISHED); Instagram does not "
                                + "tell which media it became", deliveryId, started.uploadId());
                    } else if (uploaded) {
                        log.info("Delivery {} was already published (upload {} of an earlier attempt)", deliveryId,
                                started.uploadId());
                    } else if (unknown) {
                        log.info("Delivery {} was already published (attempt {} had an unknown outcome)", deliveryId,
                                started.previous().number());
                    } else {
                        log.info("Delivery {} was already published (found by a late attempt's look first)",
                                deliveryId);
                    }
                    finish(started, new PublishOutcome.Reconciled(found.get().id(), found.get().permalink(),
                            clock.instant()));
                    return Next.DONE;
                }
            }
            String resumable = unknown && started.instagram() ? resumableContainer(started, token) : null;
            Preparation prepared = begun.prepared();
            String platformId = started.instagram() ? publishInstagram(tenantId, started, token, resumable, prepared)
                    : started.facebookMedia() ? facebook.publish(started, token, upload -> recordUpload(started, upload))
                    : publishFacebook(tenantId, started, token, prepared);
            // Live on the network from here: the permalink is only looked up.
            Instant publishedAt = clock.instant();
            String permalink = permalinkOf(platformId, token, started.instagram());
            return Next.record(new Accepted(started.postId(), started.attemptId(), platformId, permalink, publishedAt));
        } catch (GraphError e) {
            return failed(tenantId, started, e);
        }
    }

    private Begun begin(TenantId tenantId, UUID deliveryId) {
        Optional<DeliveryOwner> owner = posts.ownerOfDelivery(tenantId.value(), deliveryId);
        if (owner.isEmpty()) {
            return start(tenantId, deliveryId, Optional.empty(), null, null);
        }
        // Read before the post's lock is taken: a sibling delivery due at the same moment waits for that lock.
        AccessTokens.PublishingToken token = null;
        DomainException refused = null;
        try {
            token = tokens.storedForPublishing(tenantId, new AccountId(owner.get().accountId())).orElse(null);
        } catch (DomainException e) {
            // Thrown outside any transactional proxy: the attempt still commits, and fails at once with this reason.
            refused = e;
        }
        return start(tenantId, deliveryId, posts.lock(tenantId.value(), owner.get().postId()), token, refused);
    }

    private Begun start(TenantId tenantId, UUID deliveryId, Optional<Post> found,
            AccessTokens.PublishingToken token, DomainException refused) {
        if (found.isEmpty()) {
            // A deleted post's job. Said out loud: under a heavy burst some deliveries were seen left scheduled with
            // their job gone and no attempt (bench/README.md, publish), and this is one way a job ends without one.
            log.warn("Publish job of delivery {} of tenant {} found no such delivery; the job ends", deliveryId,
                    tenantId.value());
            return null;
        }
        Post post = found.get();
        Delivery delivery = post.delivery(deliveryId);
        // A post waiting for approval never publishes, whatever its deliveries say.
        if (!delivery.status().runnable() || post.approval().holdsBack()) {
            return null;
        }
        Previous previous = delivery.lastAttempt().map(a -> new Previous(a.number(), a.startedAt(), a.outcome(),
                a.containerId())).orElse(null);
        Instant now = clock.instant();
        if (delivery.platform() == Platform.GOOGLE_BUSINESS && !google.enabled()) {
            log.warn("Delivery {} is for Google, which this Forkcast has switched off; held for the owner",
                    deliveryId);
            post.holdWhileNetworkOff(deliveryId, GOOGLE_OFF, GOOGLE_OFF_CODE, now);
            posts.saveAndFlush(post);
            return null;
        }
        // An item sold out (or out of season) by now: the post waits for its owner instead of going out.
        if (delivery.status() == DeliveryStatus.SCHEDULED && menuItemHolds.holdAtPublish(post, now)) {
            return null;
        }
        boolean late = now.isAfter(delivery.dueAt().plus(properties.lateAfter()));
        if (late && delivery.status() == DeliveryStatus.SCHEDULED
                && properties.latePolicy() == PostsProperties.LatePolicy.HOLD) {
            Duration behind = Duration.between(delivery.dueAt(), now);
            log.warn("Delivery {} is {} late; held for the owner", deliveryId, behind);
            post.hold(deliveryId, "It would have gone out " + behind.toMinutes() + " minutes late; publish it now "
                    + "or cancel it.", now);
            posts.saveAndFlush(post);
            return null;
        }
        // The post is managed and starting an attempt raises no event: the commit writes the new attempt. (A save
        // would merge it, and Hibernate reads an entity with an assigned id from the database before merging it.)
        Attempt attempt = post.startAttempt(deliveryId, now, late);
        Started started = describe(tenantId, post, delivery, attempt, previous, late);
        Preparation prepared = previous == null && token != null && started.prepared() != null
                && started.prepared().usable(madeFrom(started, token), now) ? started.prepared() : null;
        if (prepared != null && started.instagram()) {
            // Stored before anything is published, with the attempt: it is reconciled by this id if it stops.
            attempt.publishes(prepared.media().getFirst());
        }
        return new Begun(started, token, refused, prepared);
    }

    /** What a run needs of the delivery once its transaction committed; {@code attempt} null for a preparation. */
    private Started describe(TenantId tenantId, Post post, Delivery delivery, Attempt attempt, Previous previous,
            boolean late) {
        List<UUID> assetIds = media.of(tenantId.value(), post.id());
        java.util.Map<UUID, String> altTexts = new java.util.HashMap<>();
        java.util.Map<UUID, BrandAsset> read = new java.util.HashMap<>();
        boolean video = false;
        for (UUID assetId : assetIds) {
            BrandAsset asset = assets.get(tenantId, new AssetId(assetId));
            read.put(assetId, asset);
            video |= asset.video();
            String alt = asset.altText();
            if (alt != null && !alt.isBlank()) {
                altTexts.put(assetId, alt.strip());
            }
        }
        String uploadId = delivery.attempts().stream().map(Attempt::containerId).filter(Objects::nonNull)
                .reduce((first, second) -> second).orElse(null);
        Instant uploadSince = delivery.attempts().stream().filter(a -> uploadId != null
                && uploadId.equals(a.containerId())).map(Attempt::startedAt).min(Instant::compareTo).orElse(null);
        return new Started(post.id(), delivery.id(), attempt == null ? null : attempt.id(),
                attempt == null ? 0 : attempt.number(), previous, delivery.accountId(),
                delivery.platform() == Platform.INSTAGRAM, delivery.caption(), delivery.dueAt(), assetIds, late,
                tenantId, delivery.googlePost(), java.util.Map.copyOf(altTexts), delivery.placeId(), delivery.format(),
                video, uploadId, uploadSince, !Boolean.FALSE.equals(delivery.shareToFeed()),
                java.util.Map.copyOf(read), delivery.preparation().orElse(null));
    }

    /**
     * Looks for the post on the account: after an attempt with an unknown outcome, after any attempt that recorded
     * an Instagram container, and before a late attempt, since a post that is late for no recorded reason may have
     * gone out already (a database restored from a backup taken before it was published, with its attempts).
     * <p>
     * A recorded container decides whether the post is out: not {@code PUBLISHED}, it is not (empty); PUBLISHED,
     * it is, and its media is looked for only to learn the id: by caption among the recent media, or for a Story
     * among the account's Stories. When nothing names it for sure the answer is a media with a null id: published,
     * id unknown, never published again. Without a container a post is found only by a caption that is not empty:
     * an empty one would name any other captionless post of the window.
     */
    private Optional<GraphClient.PlatformMedia> reconcile(Started started, AccessTokens.PublishingToken token) {
        String container = started.instagram() ? started.uploadId() : null;
        boolean published = false;
        if (container != null) {
            if (!"PUBLISHED".equals(graph.containerStatus(container, token.accessToken()))) {
                return Optional.empty();
            }
            published = true;
        }
        if (started.instagram() && started.format() == Platform.Format.STORY) {
            // Meta lists no Story at /media and a Story has no caption: only its container says it went out.
            return published ? Optional.of(instagramStory(started, token)) : Optional.empty();
        }
        String caption = normalise(started.caption());
        Previous previous = started.previous();
        // Without a caption only an attempt of ours in the window makes a captionless post there likely ours.
        if (caption.isEmpty() && previous == null) {
            return published ? Optional.of(ID_UNKNOWN) : Optional.empty();
        }
        Instant since = previous != null ? previous.startedAt() : started.dueAt();
        Instant from = since.minus(properties.reconcileWindow());
        Instant to = clock.instant().plus(properties.reconcileWindow());
        // Back to the window's start, page after page: a busy account may have posted much since.
        List<GraphClient.PlatformMedia> sameWords = graph.recentMediaSince(token.platformUserId(),
                        token.accessToken(), started.instagram(), from, 5000)
                .stream()
                .filter(media -> caption.equals(normalise(media.caption())))
                .filter(media -> media.createdAt() == null
                        || (!media.createdAt().isBefore(from) && !media.createdAt().isAfter(to)))
                .toList();
        List<GraphClient.PlatformMedia> candidates = notHeldByAnotherDelivery(started, sameWords);
        if (caption.isEmpty()) {
            // Nothing but its absence of words identifies it: only a single candidate is taken.
            if (candidates.size() == 1) {
                return Optional.of(candidates.getFirst());
            }
            return published || candidates.size() > 1 ? Optional.of(ID_UNKNOWN) : Optional.empty();
        }
        Optional<GraphClient.PlatformMedia> found = candidates.stream().findFirst();
        return found.isPresent() || !published ? found : Optional.of(ID_UNKNOWN);
    }

    /** The media no other delivery of the account already holds as its post: those cannot be this delivery. */
    private List<GraphClient.PlatformMedia> notHeldByAnotherDelivery(Started started,
            List<GraphClient.PlatformMedia> media) {
        if (media.isEmpty()) {
            return media;
        }
        java.util.Set<String> held = java.util.Set.copyOf(tx.execute(status -> posts.platformPostIdsHeld(
                started.tenantId().value(), started.accountId(),
                media.stream().map(GraphClient.PlatformMedia::id).toList())));
        return media.stream().filter(item -> !held.contains(item.id())).toList();
    }

    /** A published post whose media Forkcast could not name. */
    private static final GraphClient.PlatformMedia ID_UNKNOWN = new GraphClient.PlatformMedia(null, null, null, null);

    /** How far Meta's clock may be from ours when a Story's time is compared with an attempt's. */
    private static final Duration CLOCK_MARGIN = Duration.ofMinutes(1);

    /** Instagram lists a Story for this long after it was published. */
    private static final Duration STORY_LIFETIME = Duration.ofHours(24);

    /**
     * The Story a PUBLISHED container became: the container is not on the media, so it is the one Story of the
     * account, of the same kind (photo or video), published between the start of the attempt that made the container
     * and now and held by no other delivery of the account. The container being PUBLISHED, this delivery's Story is
     * among those listed; when it is the only one, it is this one. Two or more (the owner posted one from the phone
     * meanwhile, or another Story of Forkcast's is still unsettled), or a container older than a Story lives: the id
     * stays unknown rather than taking another Story's.
     */
    private GraphClient.PlatformMedia instagramStory(Started started, AccessTokens.PublishingToken token) {
        Instant now = clock.instant();
        Instant from = started.uploadSince().minus(CLOCK_MARGIN);
        if (from.isBefore(now.minus(STORY_LIFETIME))) {
            return ID_UNKNOWN;
        }
        String mediaType = started.video() ? "VIDEO" : "IMAGE";
        List<GraphClient.InstagramStory> stories = graph.instagramStoriesSince(token.platformUserId(),
                        token.accessToken(), from, 5000).stream()
                .filter(story -> story.createdAt() == null || !story.createdAt().isAfter(now.plus(CLOCK_MARGIN)))
                .filter(story -> story.mediaType() == null || mediaType.equals(story.mediaType()))
                .toList();
        java.util.Set<String> held = stories.isEmpty() ? java.util.Set.of()
                : java.util.Set.copyOf(tx.execute(status -> posts.platformPostIdsHeld(started.tenantId().value(),
                        started.accountId(), stories.stream().map(GraphClient.InstagramStory::id).toList())));
        List<GraphClient.InstagramStory> candidates = stories.stream().filter(story -> !held.contains(story.id()))
                .toList();
        if (candidates.size() != 1) {
            log.info("Delivery {}: {} Stories could be the one its container became; its id stays unknown",
                    started.deliveryId(), candidates.size());
            return ID_UNKNOWN;
        }
        GraphClient.InstagramStory story = candidates.getFirst();
        return new GraphClient.PlatformMedia(story.id(), null, story.createdAt(), story.permalink());
    }

    private static String normalise(String caption) {
        return caption == null ? "" : caption.strip();
    }

    private String publishFacebook(TenantId tenantId, Started started, AccessTokens.PublishingToken token,
            Preparation prepared) {
        List<UUID> assets = started.assetIds();
        if (prepared != null && prepared.media().size() == assets.size()) {
            try {
                return graph.publishPageFeed(token.platformUserId(), token.accessToken(), started.caption(),
                        prepared.media(), started.placeId()).id();
            } catch (GraphError e) {
                // 100: the request was refused as invalid (the photos are no longer there to attach, say): nothing
                // went out, and the post is made in full. Anything else may have gone out, and is handled as usual.
                if (!Integer.valueOf(100).equals(e.code())) {
                    throw e;
                }
                log.info("Delivery {}: the photos uploaded ahead could not be attached ({}); uploading them again",
                        started.deliveryId(), e.codeText());
            }
        }
        if (assets.size() == 1) {
            return graph.publishPagePhoto(token.platformUserId(), token.accessToken(),
                    url(tenantId, started.medium(assets.getFirst()), AssetVariant.ORIGINAL), started.caption(), true,
                    started.extras(assets.getFirst(), true)).id();
        }
        List<String> photos = new ArrayList<>();
        for (UUID asset : assets) {
            photos.add(graph.publishPagePhoto(token.platformUserId(), token.accessToken(),
                    url(tenantId, started.medium(asset), AssetVariant.ORIGINAL), null, false,
                    started.extras(asset, false)).id());
        }
        return graph.publishPageFeed(token.platformUserId(), token.accessToken(), started.caption(), photos,
                started.placeId()).id();
    }

    /**
     * The container of an attempt that ended without an outcome (the instance stopped while Instagram processed a
     * video, say) when it is still processing or ready: published instead of a new one, so Instagram does not
     * process the video twice. It was not published (reconciliation looked first), so this publishes it once.
     */
    private String resumableContainer(Started started, AccessTokens.PublishingToken token) {
        String container = started.previous().containerId();
        if (container == null) {
            return null;
        }
        String status = graph.containerStatus(container, token.accessToken());
        return "IN_PROGRESS".equals(status) || "FINISHED".equals(status) ? container : null;
    }

    private String publishInstagram(TenantId tenantId, Started started, AccessTokens.PublishingToken token,
            String resumable, Preparation prepared) {
        String user = token.platformUserId();
        String secret = token.accessToken();
        String ready = resumable == null && prepared != null ? prepared.media().getFirst() : null;
        if (ready != null) {
            // Made and processed ahead of the time, and recorded on the attempt when it started: publishing it is
            // the one call left. Over the day's limit, media_publish itself refuses it (9 / 2207042), as the limit's
            // look would have.
            try {
                return graph.publishInstagramContainer(user, secret, ready);
            } catch (GraphError e) {
                if (!Integer.valueOf(CONTAINER_EXPIRED).equals(e.subcode())) {
                    throw e;
                }
                log.info("Instagram container of delivery {} made ahead has expired; making a new one",
                        started.deliveryId());
            }
        }
        GraphClient.PublishingLimit limit = graph.contentPublishingLimit(user, secret);
        if (limit.used() >= limit.total()) {
            throw new PublishingLimitReached(limit);
        }
        List<BrandAsset> items = started.assetIds().stream().map(started::medium).toList();
        Duration pollMax = items.stream().anyMatch(BrandAsset::video) ? properties.videoPollMax()
                : properties.containerPollMax();
        // A container that expires before it is published is made again, a bounded number of times.
        for (int containerNo = 1; ; containerNo++) {
            String container = containerNo == 1 && resumable != null ? resumable
                    : createContainer(tenantId, started, items, user, secret);
            if (container.equals(resumable)) {
                log.info("Delivery {} resumes Instagram container {} of attempt {}", started.deliveryId(), container,
                        started.previous().number());
            }
            // Stored before anything is published: an attempt that stops from here on is reconciled by this id.
            recordUpload(started, container);
            try {
                waitUntilFinished(container, secret, pollMax);
            } catch (ContainerFailed e) {
                if (e.graphMessage().equals("EXPIRED") && containerNo < MAX_CONTAINERS) {
                    log.info("Instagram container of delivery {} expired; making a new one", started.deliveryId());
                    continue;
                }
                throw e;
            }
            return graph.publishInstagramContainer(user, secret, container);
        }
    }

    /** Records on the attempt the container or upload it is about to publish, in a transaction of its own. */
    private void recordUpload(Started started, String uploadId) {
        tx.executeWithoutResult(status -> posts.recordUpload(started.tenantId().value(), started.attemptId(),
                uploadId));
    }

    /** Containers of one attempt: the first, and new ones for any that expired. */
    static final int MAX_CONTAINERS = 3;

    /** Graph's subcode for publishing a container that expired (made more than 24 hours before). */
    private static final int CONTAINER_EXPIRED = 2207020;

    /**
     * Prepares a scheduled delivery ahead of its time (see {@link DeliveryPreparer}): makes on the network what can
     * be made before it (the Instagram container, processed to FINISHED; the Facebook photos, uploaded unpublished)
     * and records it with what it was made from. Nothing here can fail the delivery: whatever goes wrong is logged,
     * and the delivery is made in full at its time, as it would have been without a preparation.
     */
    void prepare(TenantId tenantId, UUID deliveryId) {
        currentTenant.callAsTenant(tenantId, null, () -> {
            Started started = readOnly.execute(status -> describeAhead(tenantId, deliveryId));
            if (started != null) {
                prepare(tenantId, started);
            }
            return null;
        });
    }

    /** The delivery as a preparation sees it; null when it is no longer a scheduled delivery well ahead of its time. */
    private Started describeAhead(TenantId tenantId, UUID deliveryId) {
        Optional<Post> found = posts.postOfDelivery(tenantId.value(), deliveryId)
                .flatMap(postId -> posts.findByTenantIdAndId(tenantId.value(), postId));
        if (found.isEmpty()) {
            return null;
        }
        Post post = found.get();
        Delivery delivery = post.delivery(deliveryId);
        if (delivery.status() != DeliveryStatus.SCHEDULED || post.approval().holdsBack()
                || Duration.between(clock.instant(), delivery.dueAt()).compareTo(Preparation.TOO_CLOSE) < 0) {
            return null;
        }
        return describe(tenantId, post, delivery, null, null, false);
    }

    private void prepare(TenantId tenantId, Started started) {
        Instant now = clock.instant();
        if (started.facebookMedia()) {
            return;
        }
        AccessTokens.PublishingToken token;
        try {
            token = tokens.forPublishing(tenantId, new AccountId(started.accountId()));
        } catch (DomainException e) {
            log.info("Delivery {} not prepared ahead of its time: {}", started.deliveryId(), e.getMessage());
            return;
        }
        if (token.platform() != Platform.INSTAGRAM && token.platform() != Platform.FACEBOOK) {
            return;
        }
        String madeFrom = madeFrom(started, token);
        try {
            List<String> made = started.instagram() ? List.of(prepareContainer(tenantId, started, token))
                    : prepareFacebookPhotos(tenantId, started, token);
            int recorded = tx.execute(status -> posts.recordPreparation(tenantId.value(), started.deliveryId(),
                    String.join(",", made), madeFrom, now));
            log.debug("Delivery {} prepared ahead of its time: {} ({} recorded)", started.deliveryId(), made,
                    recorded);
        } catch (GraphError e) {
            log.info("Delivery {} could not be prepared ahead of its time ({}); it is made in full at its time",
                    started.deliveryId(), e.codeText());
        }
    }

    private String prepareContainer(TenantId tenantId, Started started, AccessTokens.PublishingToken token) {
        List<BrandAsset> items = started.assetIds().stream().map(started::medium).toList();
        String container = createContainer(tenantId, started, items, token.platformUserId(), token.accessToken());
        waitUntilFinished(container, token.accessToken(), items.stream().anyMatch(BrandAsset::video)
                ? properties.videoPollMax() : properties.containerPollMax());
        return container;
    }

    private List<String> prepareFacebookPhotos(TenantId tenantId, Started started,
            AccessTokens.PublishingToken token) {
        List<String> photos = new ArrayList<>();
        for (UUID asset : started.assetIds()) {
            photos.add(graph.publishPagePhoto(token.platformUserId(), token.accessToken(),
                    url(tenantId, started.medium(asset), AssetVariant.ORIGINAL), null, false,
                    started.extras(asset, false)).id());
        }
        return photos;
    }

    /**
     * The digest of what a preparation is made from: the account's user, the network and format, each medium with
     * its alt text and (for a video) its cover, and for Instagram the words, place and feed choice, which the
     * container carries (a Facebook post gets them with the call at the time).
     */
    private static String madeFrom(Started started, AccessTokens.PublishingToken token) {
        List<String> parts = new ArrayList<>();
        parts.add(token.platformUserId());
        parts.add(started.instagram() ? "instagram" : "facebook");
        parts.add(started.format().name());
        if (started.instagram()) {
            parts.add(started.caption());
            parts.add(started.placeId());
            parts.add(String.valueOf(started.shareToFeed()));
        }
        for (UUID asset : started.assetIds()) {
            BrandAsset medium = started.medium(asset);
            parts.add(asset.toString());
            parts.add(started.altTexts().get(asset));
            Object video = medium.metadata() == null ? null : medium.metadata().get("video");
            parts.add(video instanceof java.util.Map<?, ?> section && section.get("cover") != null
                    ? String.valueOf(section.get("cover")) : null);
        }
        return Preparation.digest(parts);
    }

    private String createContainer(TenantId tenantId, Started started, List<BrandAsset> items, String user,
            String secret) {
        BrandAsset first = items.getFirst();
        switch (started.format()) {
            case REEL -> {
                return graph.createInstagramVideoContainer(user, secret, GraphClient.VideoContainer.REELS,
                        url(tenantId, first, AssetVariant.ORIGINAL), started.caption(), cover(tenantId, first),
                        started.shareToFeed());
            }
            case STORY -> {
                return first.video()
                        ? graph.createInstagramVideoContainer(user, secret, GraphClient.VideoContainer.STORIES,
                                url(tenantId, first, AssetVariant.ORIGINAL), null, GraphClient.Cover.NONE, false)
                        : graph.createInstagramPhotoStory(user, secret, url(tenantId, first, AssetVariant.INSTAGRAM));
            }
            case FEED -> {
                if (items.size() == 1) {
                    return graph.createInstagramContainer(user, secret, url(tenantId, first, AssetVariant.INSTAGRAM),
                            started.caption(), false, started.extras(first.id().value(), true));
                }
                List<String> children = new ArrayList<>();
                for (BrandAsset item : items) {
                    String child = item.video()
                            ? graph.createInstagramVideoContainer(user, secret, GraphClient.VideoContainer.VIDEO,
                                    url(tenantId, item, AssetVariant.ORIGINAL), null, GraphClient.Cover.NONE, false)
                            : graph.createInstagramContainer(user, secret,
                                    url(tenantId, item, AssetVariant.INSTAGRAM),
                                    null, true, started.extras(item.id().value(), false));
                    waitUntilFinished(child, secret, item.video() ? properties.videoPollMax()
                            : properties.containerPollMax());
                    children.add(child);
                }
                return graph.createInstagramCarousel(user, secret, children, started.caption(), started.placeId());
            }
            default -> throw new IllegalStateException("No Instagram flow for " + started.format());
        }
    }

    /** The owner's cover of a Reel: a library photo's Instagram copy, or a frame; Instagram's choice otherwise. */
    @SuppressWarnings("unchecked")
    private GraphClient.Cover cover(TenantId tenantId, BrandAsset video) {
        Object section = video.metadata() == null ? null : video.metadata().get("video");
        Object chosen = section instanceof java.util.Map<?, ?> map ? map.get("cover") : null;
        if (chosen instanceof java.util.Map<?, ?> cover) {
            if (cover.get("asset_id") instanceof String photo) {
                try {
                    return new GraphClient.Cover(null, url(tenantId, UUID.fromString(photo), AssetVariant.INSTAGRAM));
                } catch (DomainException gone) {
                    log.info("The cover photo of video {} is gone; Instagram picks the cover", video.id().value());
                }
            }
            if (cover.get("offset_ms") instanceof Number offset) {
                return new GraphClient.Cover(offset.longValue(), null);
            }
        }
        return GraphClient.Cover.NONE;
    }

    private String url(TenantId tenantId, BrandAsset asset, AssetVariant variant) {
        return mediaUrls.urlOf(asset, variant).url().toString();
    }

    private void waitUntilFinished(String container, String token, Duration pollMax) {
        StatusPolls.awaitFinished(() -> graph.containerStatus(container, token), properties.containerPollInitial(), pollMax,
                clock, ContainerFailed::new);
    }


    private String permalinkOf(String platformId, AccessTokens.PublishingToken token, boolean instagram) {
        try {
            return graph.permalink(platformId, token.accessToken(), instagram);
        } catch (GraphError e) {
            log.info("Permalink of a published post not available: code {}", e.codeText());
            return null;
        }
    }

    private String url(TenantId tenantId, UUID assetId, AssetVariant variant) {
        return mediaUrls.urlOf(tenantId, new AssetId(assetId), variant).url().toString();
    }

    private Next failed(TenantId tenantId, Started started, GraphError e) {
        boolean containerFailed = e instanceof ContainerFailed;
        PublishOutcome.Failure failure = new PublishOutcome.Failure(e.codeText(), OwnerMessages.of(e),
                containerFailed ? PublishOutcome.FailureKind.CONTAINER
                        : PublishOutcome.FailureKind.valueOf(e.kind().name()));
        boolean retryable = (e.kind() == GraphError.Kind.TRANSIENT || e.kind() == GraphError.Kind.RATE_LIMITED)
                && !containerFailed;
        if (retryable && started.number() < properties.maxAttempts()) {
            Instant retryAt = clock.instant().plus(new Backoff(properties.retryBaseDelay(), properties.retryMaxDelay())
                    .delay(started.number(), ThreadLocalRandom.current()));
            finish(started, new PublishOutcome.WillRetry(failure, retryAt));
            return Next.retryAt(retryAt);
        }
        if (e.kind() == GraphError.Kind.AUTH_INVALID) {
            accounts.markNeedsReconnect(tenantId, new AccountId(started.accountId()), failure.message());
        }
        finish(started, new PublishOutcome.Failed(failure));
        return Next.DONE;
    }

    /**
     * The location's post this delivery became, if an earlier attempt made it: same kind, same summary and (for an
     * offer or event) same title, made within the window, and held by no other delivery of the listing. A post with
     * neither summary nor title is never matched (nothing tells it from another such post).
     */
    private Optional<LocalPost> sameGooglePost(Started started, AccessTokens.PublishingToken token, GooglePost fields) {
        String summary = normalise(started.caption());
        String title = normalise(fields.title());
        if (summary.isEmpty() && title.isEmpty()) {
            return Optional.empty();
        }
        Instant since = started.previous() != null ? started.previous().startedAt() : started.dueAt();
        Instant from = since.minus(properties.reconcileWindow());
        Instant to = clock.instant().plus(properties.reconcileWindow());
        String topic = fields.typeOrDefault().topicType();
        List<LocalPost> candidates = google.localPosts(token.accessToken(), token.platformUserId()).stream()
                .filter(post -> post.topicType() == null || topic.equals(post.topicType()))
                .filter(post -> summary.equals(normalise(post.summary())))
                .filter(post -> title.equals(normalise(post.title())))
                .filter(post -> post.createTime() == null
                        || (!post.createTime().isBefore(from) && !post.createTime().isAfter(to)))
                .toList();
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        java.util.Set<String> held = java.util.Set.copyOf(tx.execute(status -> posts.platformPostIdsHeld(
                started.tenantId().value(), started.accountId(), candidates.stream().map(LocalPost::name).toList())));
        return candidates.stream().filter(post -> !held.contains(post.name())).findFirst();
    }

    /**
     * A Google location's delivery: a "what's new" post, an offer or an event (the caption as its summary, the first
     * image as its photo, which Google fetches by its signed URL, the button, the offer's or event's fields). As for
     * Meta, after an attempt with an unknown outcome (or before a late
     * one) the location's posts are listed first and one with the same summary, made within the window, counts as
     * this delivery.
     */
    private Next publishGoogle(TenantId tenantId, Started started, AccessTokens.PublishingToken token) {
        try {
            boolean unknown = started.previous() != null && started.previous().outcome().unknown();
            GooglePost fields = started.google() == null ? GooglePost.WHATS_NEW : started.google();
            if (unknown || started.late()) {
                Optional<LocalPost> found = sameGooglePost(started, token, fields);
                if (found.isPresent()) {
                    log.info("Delivery {} was already on Google (found by listing the location's posts)",
                            started.deliveryId());
                    finish(started, new PublishOutcome.Reconciled(found.get().name(), found.get().searchUrl(),
                            clock.instant()));
                    return Next.DONE;
                }
            }
            List<URI> photos = started.assetIds().stream().limit(1)
                    .map(asset -> URI.create(url(tenantId, asset, AssetVariant.ORIGINAL))).toList();
            LocalPost created = google.createLocalPost(token.accessToken(), token.platformUserId(),
                    new NewLocalPost(fields.typeOrDefault().topicType(), profiles.get(tenantId).defaultLanguage(),
                            started.caption(),
                            fields.action() == null ? null : fields.action().name(), fields.actionUrl(),
                            fields.title(), fields.startsAt(), fields.endsAt(), fields.couponCode(),
                            fields.redeemUrl(), fields.terms(), photos));
            finish(started, new PublishOutcome.Published(created.name(), created.searchUrl(), clock.instant()));
            tx.executeWithoutResult(status -> posts.lock(tenantId.value(), started.postId()).ifPresent(post -> {
                post.stateAtGoogle(started.deliveryId(), created.state(), clock.instant());
                posts.saveAndFlush(post);
            }));
            return Next.DONE;
        } catch (GoogleError e) {
            PublishOutcome.FailureKind kind = switch (e.kind()) {
                case TRANSIENT -> PublishOutcome.FailureKind.TRANSIENT;
                case RATE_LIMITED -> PublishOutcome.FailureKind.RATE_LIMITED;
                case UNAUTHENTICATED, INVALID_GRANT -> PublishOutcome.FailureKind.AUTH_INVALID;
                case PERMISSION_DENIED -> PublishOutcome.FailureKind.PERMISSION;
                case INVALID_ARGUMENT, NOT_FOUND -> PublishOutcome.FailureKind.INVALID_REQUEST;
            };
            String fields = e.fieldViolations().stream().map(v -> v.field() + ": " + v.description())
                    .reduce((a, b) -> a + "; " + b).map(v -> " (" + v + ")").orElse("");
            PublishOutcome.Failure failure = new PublishOutcome.Failure(
                    e.httpStatus() == 0 ? "no_answer" : e.httpStatus() + " " + e.status(),
                    kind == PublishOutcome.FailureKind.AUTH_INVALID
                            ? "Google no longer accepts Forkcast's access to this listing: connect Google again."
                            : "Google did not take the post: " + e.googleMessage() + fields, kind);
            if (e.retryable() && started.number() < properties.maxAttempts()) {
                Instant retryAt = clock.instant().plus(new Backoff(properties.retryBaseDelay(),
                        properties.retryMaxDelay()).delay(started.number(), ThreadLocalRandom.current()));
                finish(started, new PublishOutcome.WillRetry(failure, retryAt));
                return Next.retryAt(retryAt);
            }
            if (kind == PublishOutcome.FailureKind.AUTH_INVALID) {
                accounts.markNeedsReconnect(tenantId, new AccountId(started.accountId()), failure.message());
            }
            finish(started, new PublishOutcome.Failed(failure));
            return Next.DONE;
        }
    }

    /**
     * Records on the post what the network accepted in an earlier run of the delivery's job. Nothing when that attempt
     * is no longer open: a run that recorded it stopped before its job was done, or the post was deleted since.
     */
    Next record(TenantId tenantId, UUID deliveryId, Accepted accepted) {
        return currentTenant.callAsTenant(tenantId, null, () -> {
            if (!finish(tenantId, accepted.postId(), deliveryId, accepted.attemptId(), new PublishOutcome.Published(
                    accepted.platformPostId(), accepted.permalink(), accepted.postedAt()), true)) {
                log.info("Delivery {}: attempt {} was recorded already, or its post is gone; nothing to record",
                        deliveryId, accepted.attemptId());
            }
            return Next.DONE;
        });
    }

    /** Records the attempt's outcome on the post, whose events (published, failed) go out with the commit. */
    private void finish(Started started, PublishOutcome outcome) {
        finish(started.tenantId(), started.postId(), started.deliveryId(), started.attemptId(), outcome, false);
    }

    /**
     * Records the attempt's outcome on its post. {@code onlyIfOpen}: nothing is recorded, and the answer is false,
     * when the attempt is no longer the delivery's open one (or the post is gone); otherwise that is a bug, and throws.
     */
    private boolean finish(TenantId tenantId, UUID postId, UUID deliveryId, UUID attemptId, PublishOutcome outcome,
            boolean onlyIfOpen) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            Optional<Post> found = posts.lock(tenantId.value(), postId);
            if (onlyIfOpen && (found.isEmpty() || !found.get().awaitsOutcome(deliveryId, attemptId))) {
                return false;
            }
            Post post = found.orElseThrow();
            post.finish(deliveryId, attemptId, outcome, clock.instant());
            posts.saveAndFlush(post);
            Delivery delivery = post.delivery(deliveryId);
            if (delivery.status() == DeliveryStatus.PUBLISHED && delivery.firstCommentStatus() != null
                    && delivery.firstCommentStatus().open()) {
                // In the same transaction as the outcome: a published delivery with a first comment always has
                // its comment job, and no comment job runs for a delivery that is not published.
                jobs.getObject().scheduleIfNotExists(FirstCommentJob.instance(delivery.id(), delivery.tenantId()),
                        clock.instant());
            }
            return true;
        }));
    }

    /** Instagram's container did not become FINISHED: permanent for this attempt. */
    static class ContainerFailed extends GraphError {
        ContainerFailed(String status) {
            this(status, "Instagram container " + status);
        }

        ContainerFailed(String status, String logMessage) {
            super(Kind.INVALID_REQUEST, null, null, status, logMessage);
        }
    }

    /** The account used Instagram's daily publishing limit: try again later. */
    static final class PublishingLimitReached extends GraphError {
        PublishingLimitReached(GraphClient.PublishingLimit limit) {
            super(Kind.RATE_LIMITED, 9, 2207042, "Instagram's limit of " + limit.total() + " posts a day is reached",
                    "Instagram publishing limit reached");
        }
    }
}
