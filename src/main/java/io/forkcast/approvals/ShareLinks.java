package io.forkcast.approvals;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.forkcast.posts.ApprovalStage;
import io.forkcast.posts.PostId;
import io.forkcast.posts.PostView;
import io.forkcast.posts.Posts;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.shared.PublicUrls;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Share-for-approval links: a random token (256 bits) in a URL, kept only as its SHA-256, that opens a read-only
 * preview of one post until it expires or is revoked, and lets its holder approve the post or ask for changes once.
 * The holder has no session and reaches nothing else of the tenant: the token names one post.
 */
@Service
public class ShareLinks {

    /** The path under which links open; the token follows. */
    public static final String PATH = "/share/";

    /** A link just made: its view and the URL with the token, shown this once. */
    public record NewLink(ShareLink link, URI url) {
    }

    /**
     * What a link's holder sees: the post, the link (used or not), whether a decision can still be made, and whether
     * the time the post was planned for has passed (then approving it sends it out as soon as possible; after a
     * decision: whether it was approved so).
     */
    public record Opened(TenantId tenantId, PostView post, ShareLink link, boolean decidable, boolean late) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final ApprovalStore store;
    private final Posts posts;
    private final Approvals approvals;
    private final Actors actors;
    private final CurrentTenant currentTenant;
    private final TransactionTemplate tx;
    private final PublicUrls urls;
    private final ApprovalsProperties properties;
    private final Clock clock;
    private final Cache<String, AtomicInteger> requests;

    ShareLinks(ApprovalStore store, Posts posts, Approvals approvals, Actors actors, CurrentTenant currentTenant,
            PlatformTransactionManager transactions, PublicUrls urls, ApprovalsProperties properties, Clock clock) {
        this.store = store;
        this.posts = posts;
        this.approvals = approvals;
        this.actors = actors;
        this.currentTenant = currentTenant;
        this.tx = new TransactionTemplate(transactions);
        this.urls = urls;
        this.properties = properties;
        this.clock = clock;
        this.requests = Caffeine.newBuilder().expireAfterWrite(Duration.ofMinutes(1)).maximumSize(100_000).build();
    }

    /** Makes a link to the post, opening for {@code forkcast.approvals.share-link-ttl}. */
    public NewLink create(TenantId tenantId, PostId postId, String label) {
        return tx.execute(status -> {
            posts.approvalStage(tenantId, postId);
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            ActedBy by = actors.currentDescribed(tenantId);
            ShareLink link = new ShareLink(Ids.newId(), postId.value(),
                    label == null || label.isBlank() ? null : label.strip(), by, now,
                    now.plus(properties.shareLinkTtl()), null, null, null, null);
            store.insert(tenantId.value(), link, sha256(token));
            return new NewLink(link, urls.resolve(PATH + token));
        });
    }

    public List<ShareLink> list(TenantId tenantId, PostId postId) {
        return tx.execute(status -> {
            posts.approvalStage(tenantId, postId);
            return store.links(tenantId.value(), postId.value());
        });
    }

    /** Revokes a link: it opens no more. Revoking a revoked link changes nothing. */
    public ShareLink revoke(TenantId tenantId, PostId postId, UUID linkId) {
        return tx.execute(status -> {
            store.link(tenantId.value(), postId.value(), linkId)
                    .orElseThrow(() -> DomainException.notFound("Share link"));
            store.revoke(tenantId.value(), linkId, clock.instant().truncatedTo(ChronoUnit.MICROS));
            return store.link(tenantId.value(), postId.value(), linkId).orElseThrow();
        });
    }

    /**
     * Counts one request to a share link from {@code address}; refused (429) past
     * {@code forkcast.approvals.share-link-requests-per-minute} in the minute.
     */
    public void countRequest(String address) {
        int count = requests.get(address == null ? "" : address, key -> new AtomicInteger()).incrementAndGet();
        if (count > properties.shareLinkRequestsPerMinute()) {
            throw new DomainException(HttpStatus.TOO_MANY_REQUESTS, "Too many requests; try again in a minute.");
        }
    }

    /**
     * Opens a link for its holder: the post it names, in its tenant. An unknown, expired or revoked token is not
     * found (404, the same answer for each, so a guess learns nothing).
     */
    public Opened open(String token) {
        LinkFound found = find(token);
        return currentTenant.callAsTenant(found.tenantId(), null, () -> tx.execute(status -> {
            PostView post = posts.get(found.tenantId(), new PostId(found.link().postId()));
            boolean decidable = found.link().usedAt() == null
                    && posts.approvalStage(found.tenantId(), post.id()) == ApprovalStage.PENDING_APPROVAL;
            return new Opened(found.tenantId(), post, found.link(), decidable, decidable && late(post));
        }));
    }

    private boolean late(PostView post) {
        return post.scheduledFor() != null && !post.scheduledFor().isAfter(clock.instant());
    }

    /**
     * The holder's decision, once: approve, or ask for changes with a comment. Refused (409) when the link was used
     * or the post no longer waits for approval; nothing is written on a refusal. A post whose planned time has
     * passed is approved to go out as soon as possible, and only when the holder said so ({@code asSoonAsPossible},
     * offered by the page once the time has passed); otherwise refused (409) with what to do, so that nobody
     * approves a time that no longer exists without knowing it.
     */
    public Opened decide(String token, ApprovalAction action, String comment, boolean asSoonAsPossible) {
        if (action != ApprovalAction.APPROVED && action != ApprovalAction.CHANGES_REQUESTED) {
            throw DomainException.badRequest("A share link approves a post or asks for changes.");
        }
        if (action == ApprovalAction.CHANGES_REQUESTED && (comment == null || comment.isBlank())) {
            throw new io.forkcast.shared.InvalidFieldException("comment", "Say what should change.");
        }
        if (comment != null && comment.length() > PostComments.MAX_LENGTH) {
            throw new io.forkcast.shared.InvalidFieldException("comment", "At most " + PostComments.MAX_LENGTH
                    + " characters.");
        }
        LinkFound found = find(token);
        return currentTenant.callAsTenant(found.tenantId(), null, () -> tx.execute(status -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
            if (!store.use(found.tenantId().value(), found.link().id(), action, comment, now)) {
                throw DomainException.conflict("This link has been used already.");
            }
            PostId postId = new PostId(found.link().postId());
            boolean late = action == ApprovalAction.APPROVED && late(posts.get(found.tenantId(), postId));
            if (late && !asSoonAsPossible) {
                throw DomainException.conflict("The time planned for this post has passed. Approve it to go out as "
                        + "soon as possible, or ask for changes and say which time suits you.");
            }
            approvals.decideByLink(found.tenantId(), postId, found.link(), action, comment, late);
            ShareLink used = store.link(found.tenantId().value(), postId.value(), found.link().id()).orElseThrow();
            return new Opened(found.tenantId(), posts.get(found.tenantId(), postId), used, false, late);
        }));
    }

    private record LinkFound(TenantId tenantId, ShareLink link) {
    }

    private LinkFound find(String token) {
        if (token == null || token.length() != 43) {
            throw DomainException.notFound("Share link");
        }
        Optional<ApprovalStore.LinkRow> row = currentTenant.callAsPlatform("a share link names its tenant",
                () -> tx.execute(status -> store.linkByToken(sha256(token))));
        Instant now = clock.instant();
        if (row.isEmpty() || !row.get().link().opens(now)) {
            throw DomainException.notFound("Share link");
        }
        return new LinkFound(new TenantId(row.get().tenantId()), row.get().link());
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
