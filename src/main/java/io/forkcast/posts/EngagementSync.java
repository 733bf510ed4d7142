package io.forkcast.posts;

import io.forkcast.accounts.AccessTokens;
import io.forkcast.accounts.AccountId;
import io.forkcast.google.GoogleClient;
import io.forkcast.google.GoogleError;
import io.forkcast.google.LocalPost;
import io.forkcast.meta.GraphClient;
import io.forkcast.meta.GraphError;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Fetches likes, comments (and Facebook shares) of the deliveries published within the configured window: updates
 * the delivery and appends a snapshot. A delivery whose account cannot be read is skipped until the next run.
 */
@Component
class EngagementSync {

    private static final Logger log = LoggerFactory.getLogger(EngagementSync.class);

    /** A published delivery to sync, read across tenants. */
    private record Published(UUID tenantId, UUID postId, UUID deliveryId, UUID accountId, Platform platform,
            String platformPostId) {
    }

    private final PostRepository posts;
    private final AccessTokens tokens;
    private final GraphClient graph;
    private final GoogleClient google;
    private final CurrentTenant currentTenant;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PostsProperties properties;
    private final Clock clock;

    EngagementSync(PostRepository posts, AccessTokens tokens, GraphClient graph, GoogleClient google,
            CurrentTenant currentTenant, JdbcTemplate jdbc, PlatformTransactionManager transactions,
            PostsProperties properties, Clock clock) {
        this.google = google;
        this.posts = posts;
        this.tokens = tokens;
        this.graph = graph;
        this.currentTenant = currentTenant;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    /** Syncs every recently published delivery, each in its tenant's scope; answers how many were updated. */
    int syncAll() {
        List<Published> recent = currentTenant.callAsPlatform("engagement of recently published posts", () ->
                tx.execute(status -> posts.publishedSince(clock.instant().minus(properties.engagementWindow()))
                        .stream().map(d -> new Published(d.tenantId(), d.post().id(), d.id(), d.accountId(),
                                d.platform(), d.platformPostId())).toList()));
        int synced = 0;
        for (Published delivery : recent) {
            if (currentTenant.callAsTenant(new TenantId(delivery.tenantId()), null, () -> sync(delivery))) {
                synced++;
            }
        }
        return synced;
    }

    /**
     * The first figures of one published delivery ({@link FirstEngagementJob}, a while after it went out); nothing
     * when it is no longer published (deleted meanwhile). Answers whether it was synced.
     */
    boolean syncFirst(TenantId tenantId, UUID deliveryId) {
        return currentTenant.callAsTenant(tenantId, null, () -> tx.execute(status -> posts.publishedDelivery(
                        tenantId.value(), deliveryId).map(d -> new Published(d.tenantId(), d.post().id(), d.id(),
                        d.accountId(), d.platform(), d.platformPostId())))
                .map(this::sync).orElse(false));
    }

    private boolean sync(Published delivery) {
        if (delivery.platformPostId() == null) {
            return false; // published, but the network did not tell which post it became: nothing to read
        }
        if (delivery.platform() == Platform.GOOGLE_BUSINESS) {
            return syncStateAtGoogle(delivery); // Google's local posts have no likes or comments to read
        }
        GraphClient.Engagement engagement;
        try {
            AccessTokens.PublishingToken token = tokens.forPublishing(new TenantId(delivery.tenantId()),
                    new AccountId(delivery.accountId()));
            engagement = graph.engagement(delivery.platformPostId(), token.accessToken(),
                    delivery.platform() == Platform.INSTAGRAM);
        } catch (DomainException | GraphError e) {
            log.info("Engagement of delivery {} not synced: {}", delivery.deliveryId(), e instanceof GraphError g
                    ? g.codeText() : "account not usable");
            return false;
        }
        tx.executeWithoutResult(status -> {
            Instant now = clock.instant();
            posts.lock(delivery.tenantId(), delivery.postId()).ifPresent(post -> {
                post.engagement(delivery.deliveryId(), engagement.likes(), engagement.comments(), now);
                posts.saveAndFlush(post);
            });
            jdbc.update("insert into engagement_snapshots (id, tenant_id, delivery_id, captured_at, likes, comments, "
                    + "shares) values (?, ?, ?, ?, ?, ?, ?)", Ids.newId(), delivery.tenantId(), delivery.deliveryId(),
                    Timestamp.from(now), engagement.likes(), engagement.comments(), engagement.shares());
        });
        return true;
    }

    /** Google's state of a published post (processing, live, rejected), for the owner to see. */
    private boolean syncStateAtGoogle(Published delivery) {
        LocalPost post;
        try {
            AccessTokens.PublishingToken token = tokens.forPublishing(new TenantId(delivery.tenantId()),
                    new AccountId(delivery.accountId()));
            post = google.localPost(token.accessToken(), delivery.platformPostId());
        } catch (DomainException | GoogleError e) {
            log.info("State at Google of delivery {} not synced: {}", delivery.deliveryId(), e instanceof GoogleError g
                    ? g.httpStatus() + " " + g.status() : "account not usable");
            return false;
        }
        tx.executeWithoutResult(status -> posts.lock(delivery.tenantId(), delivery.postId()).ifPresent(found -> {
            found.stateAtGoogle(delivery.deliveryId(), post.state(), clock.instant());
            posts.saveAndFlush(found);
        }));
        return true;
    }

    List<EngagementSnapshot> series(UUID tenantId, UUID deliveryId) {
        return jdbc.query("select captured_at, likes, comments, shares from engagement_snapshots "
                + "where tenant_id = ? and delivery_id = ? order by captured_at", (rs, n) -> new EngagementSnapshot(
                rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getInt(3), (Integer) rs.getObject(4)),
                tenantId, deliveryId);
    }
}
