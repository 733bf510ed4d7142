package io.forkcast.posts;

import io.forkcast.accounts.AccessTokens;
import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.Platform;
import io.forkcast.meta.GraphClient;
import io.forkcast.meta.GraphError;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
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
 * Fetches likes, comments (and Facebook shares) of the posts published within the configured window: updates the
 * post and appends a snapshot. A post whose account cannot be read is skipped until the next run.
 */
@Component
class EngagementSync {

    private static final Logger log = LoggerFactory.getLogger(EngagementSync.class);

    private final PostRepository posts;
    private final AccessTokens tokens;
    private final GraphClient graph;
    private final CurrentTenant currentTenant;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PostsProperties properties;
    private final Clock clock;

    EngagementSync(PostRepository posts, AccessTokens tokens, GraphClient graph, CurrentTenant currentTenant,
            JdbcTemplate jdbc, PlatformTransactionManager transactions, PostsProperties properties, Clock clock) {
        this.posts = posts;
        this.tokens = tokens;
        this.graph = graph;
        this.currentTenant = currentTenant;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    /** Syncs every recently published post; answers how many were updated. */
    int syncAll() {
        return currentTenant.callAsPlatform("engagement of recently published posts", () -> {
            List<Post> recent = tx.execute(status ->
                    posts.publishedSince(clock.instant().minus(properties.engagementWindow())));
            int synced = 0;
            for (Post post : recent) {
                if (sync(post)) {
                    synced++;
                }
            }
            return synced;
        });
    }

    private boolean sync(Post post) {
        GraphClient.Engagement engagement;
        try {
            AccessTokens.PublishingToken token = tokens.forPublishing(new TenantId(post.tenantId()),
                    new AccountId(post.accountId()));
            engagement = graph.engagement(post.platformPostIdOrNull(), token.accessToken(),
                    post.platform() == Platform.INSTAGRAM);
        } catch (DomainException | GraphError e) {
            log.info("Engagement of post {} not synced: {}", post.id(), e instanceof GraphError g ? g.codeText()
                    : "account not usable");
            return false;
        }
        tx.executeWithoutResult(status -> {
            Instant now = clock.instant();
            posts.findByTenantIdAndId(post.tenantId(), post.id()).ifPresent(current -> {
                current.engagement(engagement.likes(), engagement.comments(), now);
                posts.saveAndFlush(current);
            });
            jdbc.update("insert into engagement_snapshots (id, tenant_id, post_id, captured_at, likes, comments, shares) "
                    + "values (?, ?, ?, ?, ?, ?, ?)", Ids.newId(), post.tenantId(), post.id(), Timestamp.from(now),
                    engagement.likes(), engagement.comments(), engagement.shares());
        });
        return true;
    }

    List<EngagementSnapshot> series(UUID tenantId, UUID postId) {
        return jdbc.query("select captured_at, likes, comments, shares from engagement_snapshots "
                + "where tenant_id = ? and post_id = ? order by captured_at", (rs, n) -> new EngagementSnapshot(
                rs.getTimestamp(1).toInstant(), rs.getInt(2), rs.getInt(3), (Integer) rs.getObject(4)),
                tenantId, postId);
    }
}
