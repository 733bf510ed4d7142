package io.forkcast.posts;

import io.forkcast.accounts.AccessTokens;
import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.Accounts;
import io.forkcast.accounts.Platform;
import io.forkcast.assets.AssetId;
import io.forkcast.assets.AssetVariant;
import io.forkcast.assets.MediaUrls;
import io.forkcast.meta.GraphClient;
import io.forkcast.meta.GraphError;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Publishes one post: records the attempt, reconciles first when an earlier attempt's outcome is unknown, calls
 * Graph, and records the outcome. Answers when to try again, if at all.
 */
@Component
class Publisher {

    private static final Logger log = LoggerFactory.getLogger(Publisher.class);

    /** What the job does next: nothing, or run again at {@code at}. */
    record Next(Instant retryAt) {
        static final Next DONE = new Next(null);
    }

    /** {@code late}: this attempt starts more than {@code late-after} after the post's time. */
    private record Started(Post post, UUID attemptId, int number, PostStore.Attempt previous, List<UUID> assetIds,
            boolean late) {
    }

    private final PostRepository posts;
    private final PostStore store;
    private final AccessTokens tokens;
    private final Accounts accounts;
    private final MediaUrls mediaUrls;
    private final GraphClient graph;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate tx;
    private final PostsProperties properties;
    private final Clock clock;
    private final PostMetrics metrics;

    Publisher(PostRepository posts, PostStore store, AccessTokens tokens, Accounts accounts, MediaUrls mediaUrls,
            GraphClient graph, CurrentTenant currentTenant, PlatformTransactionManager transactions,
            PostsProperties properties, Clock clock, PostMetrics metrics) {
        this.metrics = metrics;
        this.posts = posts;
        this.store = store;
        this.tokens = tokens;
        this.accounts = accounts;
        this.mediaUrls = mediaUrls;
        this.graph = graph;
        this.currentTenant = currentTenant;
        this.tx = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    Next publish(TenantId tenantId, UUID postId) {
        return currentTenant.callAsPlatform("publishing a post", () -> run(tenantId, postId));
    }

    private Next run(TenantId tenantId, UUID postId) {
        Started started = tx.execute(status -> start(tenantId, postId));
        if (started == null) {
            return Next.DONE;
        }
        Post post = started.post();
        AccessTokens.PublishingToken token;
        try {
            token = tokens.forPublishing(tenantId, new AccountId(post.accountId()));
        } catch (DomainException e) {
            finish(tenantId, started, "failed", "account", e.getMessage(), null, null, "account");
            return Next.DONE;
        }
        try {
            boolean instagram = post.platform() == Platform.INSTAGRAM;
            if (unknownOutcome(started.previous()) || started.late()) {
                Optional<GraphClient.PlatformMedia> found = reconcile(post, started.previous(), token, instagram);
                if (found.isPresent()) {
                    if (unknownOutcome(started.previous())) {
                        log.info("Post {} was already published (attempt {} had an unknown outcome)", postId,
                                started.previous().number());
                    } else {
                        log.info("Post {} was already published (found by a late attempt's look first)", postId);
                    }
                    finish(tenantId, started, "reconciled", null, null, found.get().id(), found.get().permalink(),
                            null);
                    return Next.DONE;
                }
            }
            String platformId = instagram ? publishInstagram(tenantId, started, token) : publishFacebook(tenantId,
                    started, token);
            String permalink = permalinkOf(platformId, token, instagram);
            finish(tenantId, started, "published", null, null, platformId, permalink, null);
            return Next.DONE;
        } catch (GraphError e) {
            return failed(tenantId, started, e);
        }
    }

    private Started start(TenantId tenantId, UUID postId) {
        Optional<Post> found = posts.findByTenantIdAndId(tenantId.value(), postId);
        if (found.isEmpty()) {
            return null;
        }
        Post post = found.get();
        if (post.status() != PostStatus.SCHEDULED && post.status() != PostStatus.RETRYING
                && post.status() != PostStatus.PUBLISHING) {
            return null;
        }
        List<PostStore.Attempt> attempts = store.attempts(tenantId.value(), postId);
        PostStore.Attempt previous = attempts.isEmpty() ? null : attempts.getLast();
        Instant now = clock.instant();
        boolean late = now.isAfter(post.scheduledFor().plus(properties.lateAfter()));
        if (late && post.status() == PostStatus.SCHEDULED
                && properties.latePolicy() == PostsProperties.LatePolicy.HOLD) {
            log.warn("Post {} is {} late; held for the owner", postId, Duration.between(post.scheduledFor(), now));
            post.hold(now);
            posts.saveAndFlush(post);
            return null;
        }
        int number = post.startAttempt(now, late);
        posts.saveAndFlush(post);
        UUID attemptId = Ids.newId();
        store.startAttempt(attemptId, tenantId.value(), postId, number, now);
        return new Started(post, attemptId, number, previous, store.media(tenantId.value(), postId), late);
    }

    /** An attempt that never finished (crash) or ended in a transient error may have published the post. */
    private static boolean unknownOutcome(PostStore.Attempt previous) {
        return previous != null && (previous.outcome().equals("pending") || previous.outcome().equals("transient"));
    }

    /**
     * Looks for the post among the account's recent posts: after an attempt with an unknown outcome, and before a
     * late attempt, since a post that is late for no recorded reason may have gone out already (a database restored
     * from a backup taken before it was published, with its attempts).
     */
    private Optional<GraphClient.PlatformMedia> reconcile(Post post, PostStore.Attempt previous,
            AccessTokens.PublishingToken token, boolean instagram) {
        if (instagram && previous != null && previous.containerId() != null) {
            String status = graph.containerStatus(previous.containerId(), token.accessToken());
            if (!"PUBLISHED".equals(status)) {
                return Optional.empty();
            }
        }
        Instant since = previous != null ? previous.startedAt() : post.scheduledFor();
        Instant from = since.minus(properties.reconcileWindow());
        Instant to = clock.instant().plus(properties.reconcileWindow());
        // Back to the window's start, page after page: a busy account may have posted much since.
        return graph.recentMediaSince(token.platformUserId(), token.accessToken(), instagram, from, 5000).stream()
                .filter(media -> Objects.equals(normalise(media.caption()), normalise(post.caption())))
                .filter(media -> media.createdAt() == null
                        || (!media.createdAt().isBefore(from) && !media.createdAt().isAfter(to)))
                .findFirst();
    }

    private static String normalise(String caption) {
        return caption == null ? "" : caption.strip();
    }

    private String publishFacebook(TenantId tenantId, Started started, AccessTokens.PublishingToken token) {
        Post post = started.post();
        List<UUID> assets = started.assetIds();
        if (assets.size() == 1) {
            return graph.publishPagePhoto(token.platformUserId(), token.accessToken(),
                    url(tenantId, assets.getFirst(), AssetVariant.ORIGINAL), post.caption(), true).id();
        }
        List<String> photos = new ArrayList<>();
        for (UUID asset : assets) {
            photos.add(graph.publishPagePhoto(token.platformUserId(), token.accessToken(),
                    url(tenantId, asset, AssetVariant.ORIGINAL), null, false).id());
        }
        return graph.publishPageFeed(token.platformUserId(), token.accessToken(), post.caption(), photos).id();
    }

    private String publishInstagram(TenantId tenantId, Started started, AccessTokens.PublishingToken token) {
        Post post = started.post();
        String user = token.platformUserId();
        String secret = token.accessToken();
        GraphClient.PublishingLimit limit = graph.contentPublishingLimit(user, secret);
        if (limit.used() >= limit.total()) {
            throw new PublishingLimitReached(limit);
        }
        // A container that expires before it is published is made again, a bounded number of times.
        for (int containerNo = 1; ; containerNo++) {
            String container = createContainer(tenantId, started, user, secret);
            tx.executeWithoutResult(status -> store.containerCreated(started.attemptId(), container));
            try {
                waitUntilFinished(container, secret);
            } catch (ContainerFailed e) {
                if (e.graphMessage().equals("EXPIRED") && containerNo < MAX_CONTAINERS) {
                    log.info("Instagram container of post {} expired; making a new one", post.id());
                    continue;
                }
                throw e;
            }
            return graph.publishInstagramContainer(user, secret, container);
        }
    }

    /** Containers of one attempt: the first, and new ones for any that expired. */
    static final int MAX_CONTAINERS = 3;

    private String createContainer(TenantId tenantId, Started started, String user, String secret) {
        List<UUID> assets = started.assetIds();
        if (assets.size() == 1) {
            return graph.createInstagramContainer(user, secret,
                    url(tenantId, assets.getFirst(), AssetVariant.INSTAGRAM), started.post().caption(), false);
        }
        List<String> children = new ArrayList<>();
        for (UUID asset : assets) {
            String child = graph.createInstagramContainer(user, secret, url(tenantId, asset, AssetVariant.INSTAGRAM),
                    null, true);
            waitUntilFinished(child, secret);
            children.add(child);
        }
        return graph.createInstagramCarousel(user, secret, children, started.post().caption());
    }

    private void waitUntilFinished(String container, String token) {
        Instant deadline = clock.instant().plus(properties.containerPollMax());
        Duration wait = properties.containerPollInitial();
        long started = System.nanoTime();
        while (true) {
            // A container just made is never ready at once: the first look comes after the first wait.
            LockSupport.parkNanos(wait.toNanos());
            String status = graph.containerStatus(container, token);
            if ("FINISHED".equals(status)) {
                return;
            }
            if ("ERROR".equals(status) || "EXPIRED".equals(status)) {
                throw new ContainerFailed(status);
            }
            if (Duration.ofNanos(System.nanoTime() - started).compareTo(properties.containerPollMax()) > 0
                    || clock.instant().isAfter(deadline.plus(properties.containerPollMax()))) {
                throw new ContainerFailed("IN_PROGRESS");
            }
            wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0 ? Duration.ofSeconds(5) : wait.multipliedBy(2);
        }
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
        boolean retryable = (e.kind() == GraphError.Kind.TRANSIENT || e.kind() == GraphError.Kind.RATE_LIMITED)
                && !(e instanceof ContainerFailed);
        if (retryable && started.number() < properties.maxAttempts()) {
            Duration delay = backoff(started.number());
            tx.executeWithoutResult(status -> {
                Post post = posts.findByTenantIdAndId(tenantId.value(), started.post().id()).orElseThrow();
                post.retrying(e.codeText(), OwnerMessages.of(e), clock.instant());
                posts.saveAndFlush(post);
                store.finishAttempt(started.attemptId(), "transient", e.codeText(), OwnerMessages.of(e),
                        clock.instant());
            });
            return new Next(clock.instant().plus(delay));
        }
        if (e.kind() == GraphError.Kind.AUTH_INVALID) {
            accounts.markNeedsReconnect(tenantId, new AccountId(started.post().accountId()), OwnerMessages.of(e));
        }
        finish(tenantId, started, "failed", e.codeText(), OwnerMessages.of(e), null, null,
                e instanceof ContainerFailed ? "container" : e.kind().name());
        return Next.DONE;
    }

    /** Exponential: base × 2^(n-1), at most the maximum, plus up to 50 % jitter. */
    Duration backoff(int attempt) {
        Duration base = properties.retryBaseDelay().multipliedBy(1L << Math.min(20, attempt - 1));
        if (base.compareTo(properties.retryMaxDelay()) > 0) {
            base = properties.retryMaxDelay();
        }
        long jitter = base.toMillis() <= 1 ? 0 : ThreadLocalRandom.current().nextLong(base.toMillis() / 2 + 1);
        return base.plusMillis(jitter);
    }

    private void finish(TenantId tenantId, Started started, String outcome, String errorCode, String message,
            String platformId, String permalink, String failureReason) {
        Post done = tx.execute(status -> {
            Post post = posts.findByTenantIdAndId(tenantId.value(), started.post().id()).orElseThrow();
            Instant now = clock.instant();
            if (outcome.equals("published") || outcome.equals("reconciled")) {
                post.published(platformId, permalink, now, now);
            } else {
                post.failed(errorCode, message, now);
            }
            posts.saveAndFlush(post);
            store.finishAttempt(started.attemptId(), outcome, errorCode, message, now);
            return post;
        });
        if (done.status() == PostStatus.PUBLISHED) {
            metrics.published(done.platform(), Duration.between(done.scheduledFor(), done.postedAt()));
        } else {
            metrics.failed(done.platform(), failureReason);
        }
    }

    /** Instagram's container did not become FINISHED: permanent for this attempt. */
    static final class ContainerFailed extends GraphError {
        ContainerFailed(String status) {
            super(Kind.INVALID_REQUEST, null, null, status, "Instagram container " + status);
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
