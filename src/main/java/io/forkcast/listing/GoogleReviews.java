package io.forkcast.listing;

import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.captions.ReviewReplies;
import io.forkcast.google.GoogleClient;
import io.forkcast.google.GoogleError;
import io.forkcast.google.Review;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.tenancy.TenantId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The reviews of the tenant's Google locations: fetched from Google (by the hourly job, or on demand) and kept here,
 * each unanswered one given a reply drafted in the restaurant's voice; the owner edits and posts a reply (Google's
 * {@code updateReply}: create or replace) or deletes it. Google is called outside any transaction.
 */
@Service
public class GoogleReviews {

    private static final Logger log = LoggerFactory.getLogger(GoogleReviews.class);

    /** Which reviews a list shows. */
    public enum Filter {
        ALL, NEEDS_REPLY, REPLIED, LOW
    }

    /** What one sync found: reviews seen at Google, new ones, and drafts written. */
    public record SyncResult(int reviews, int added, int drafted) {
    }

    /** How many drafts one sync writes at most. */
    static final int DRAFTS_PER_SYNC = 25;

    private static final String COLUMNS = "id, account_id, reviewer_name, stars, review_comment, reviewed_at, reply, "
            + "replied_at, draft, draft_writer, draft_similarity, draft_meaning_similarity";

    private final GoogleLocations locations;
    private final GoogleClient google;
    private final ReviewReplies replies;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final ListingProperties properties;
    private final Clock clock;

    GoogleReviews(GoogleLocations locations, GoogleClient google, ReviewReplies replies, JdbcClient jdbc,
            PlatformTransactionManager transactions, ListingProperties properties, Clock clock) {
        this.locations = locations;
        this.google = google;
        this.replies = replies;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    /** The tenant's reviews, newest first, low ratings among them flagged. */
    public List<ReviewView> list(TenantId tenantId, Filter filter, int limit) {
        String where = switch (filter) {
            case ALL -> "";
            case NEEDS_REPLY -> " and reply is null";
            case REPLIED -> " and reply is not null";
            case LOW -> " and stars between 1 and " + ReviewReplies.LOW_STARS;
        };
        return transaction.execute(status -> jdbc.sql("select " + COLUMNS + " from google_reviews where tenant_id = ?"
                + where + " order by reviewed_at desc, id limit ?").params(tenantId.value(), limit)
                .query(this::view).list());
    }

    /** One review of the tenant: 404 for another tenant's, or an unknown one. */
    public ReviewView get(TenantId tenantId, UUID reviewId) {
        return transaction.execute(status -> find(tenantId, reviewId));
    }

    /** Fetches every active location's reviews from Google now, then drafts replies for the unanswered ones. */
    public SyncResult sync(TenantId tenantId) {
        int seen = 0, added = 0, drafted = 0;
        for (ConnectedAccount account : locations.active(tenantId)) {
            GoogleLocations.Location location = locations.open(tenantId, account.id());
            List<Review> reviews;
            try {
                reviews = google.reviews(location.accessToken(), location.parent());
            } catch (GoogleError e) {
                throw refused(e, "fetch the reviews of " + account.username());
            }
            seen += reviews.size();
            added += transaction.execute(status -> store(tenantId, account.id(), reviews));
        }
        // The newest first, a bounded number per sync: a first sync of a listing with years of reviews does not
        // call the writer hundreds of times; the rest are drafted by the next syncs.
        for (UUID id : transaction.execute(status -> jdbc.sql("select id from google_reviews where tenant_id = ? "
                + "and reply is null and draft is null order by reviewed_at desc limit ?")
                .params(tenantId.value(), DRAFTS_PER_SYNC).query(UUID.class).list())) {
            redraft(tenantId, id);
            drafted++;
        }
        return new SyncResult(seen, added, drafted);
    }

    /** A new draft for a review: the caption writer's, unlike the restaurant's earlier replies. */
    public ReviewView redraft(TenantId tenantId, UUID reviewId) {
        ReviewView review = get(tenantId, reviewId);
        List<String> earlier = transaction.execute(status -> jdbc.sql("select reply from google_reviews where "
                + "tenant_id = ? and reply is not null order by replied_at desc limit 20").param(tenantId.value())
                .query(String.class).list());
        ReviewReplies.Draft draft = replies.draft(tenantId, new ReviewReplies.Review(review.reviewerName(),
                Math.max(1, review.stars()), review.comment()), earlier);
        transaction.executeWithoutResult(status -> jdbc.sql("update google_reviews set draft = ?, draft_writer = ?, "
                + "draft_similarity = ?, draft_meaning_similarity = ? where tenant_id = ? and id = ?")
                .params(draft.text(), draft.writer(), draft.similarity().score(), draft.similarity().meaningScore(),
                        tenantId.value(), reviewId).update());
        return get(tenantId, reviewId);
    }

    /** Posts (or replaces) the owner's reply at Google, then keeps it here; the draft is done with. */
    public ReviewView reply(TenantId tenantId, UUID reviewId, String comment) {
        String text = comment == null ? "" : comment.strip();
        if (text.isEmpty()) {
            throw new InvalidFieldException("comment", "must not be blank");
        }
        if (text.length() > ReviewReplies.MAX_LENGTH
                || text.getBytes(StandardCharsets.UTF_8).length > Review.REPLY_MAX_BYTES) {
            throw new InvalidFieldException("comment", "must be at most " + ReviewReplies.MAX_LENGTH + " characters");
        }
        Target target = target(tenantId, reviewId);
        Review.Reply posted;
        try {
            posted = google.updateReply(target.location().accessToken(), target.reviewName(), text);
        } catch (GoogleError e) {
            throw refused(e, "post the reply");
        }
        Instant at = posted.updateTime() != null ? posted.updateTime() : now();
        transaction.executeWithoutResult(status -> jdbc.sql("update google_reviews set reply = ?, replied_at = ?, "
                + "draft = null, draft_writer = null where tenant_id = ? and id = ?")
                .params(posted.comment() != null ? posted.comment() : text, Timestamp.from(at), tenantId.value(),
                        reviewId).update());
        log.info("Reply to review {} posted to Google", reviewId);
        return get(tenantId, reviewId);
    }

    /** Deletes the owner's reply at Google; the review is unanswered again (a new draft comes with the next sync). */
    public ReviewView deleteReply(TenantId tenantId, UUID reviewId) {
        Target target = target(tenantId, reviewId);
        try {
            google.deleteReply(target.location().accessToken(), target.reviewName());
        } catch (GoogleError e) {
            throw refused(e, "delete the reply");
        }
        transaction.executeWithoutResult(status -> jdbc.sql("update google_reviews set reply = null, "
                + "replied_at = null where tenant_id = ? and id = ?").params(tenantId.value(), reviewId).update());
        return get(tenantId, reviewId);
    }

    /** How many reviews wait for a reply, and how many of those are low ratings or overdue (for the dashboard). */
    public record Waiting(int needsReply, int low, int overdue) {
    }

    /** The reviews waiting longer than {@code forkcast.listing.reply-overdue-after} for a reply, oldest first. */
    public List<ReviewView> overdue(TenantId tenantId, int limit) {
        if (!google.enabled()) {
            return List.of(); // nowhere to answer them while Google is off
        }
        return list(tenantId, Filter.NEEDS_REPLY, 1000).stream().filter(ReviewView::overdue)
                .sorted(java.util.Comparator.comparing(ReviewView::reviewedAt)).limit(limit).toList();
    }

    public Waiting waiting(TenantId tenantId) {
        List<ReviewView> open = list(tenantId, Filter.NEEDS_REPLY, 1000);
        return new Waiting(open.size(), (int) open.stream().filter(ReviewView::low).count(),
                (int) open.stream().filter(ReviewView::overdue).count());
    }

    private record Target(GoogleLocations.Location location, String reviewName) {
    }

    private Target target(TenantId tenantId, UUID reviewId) {
        record Row(UUID accountId, String name) {
        }
        Row row = transaction.execute(status -> jdbc.sql("select account_id, review_name from google_reviews where "
                + "tenant_id = ? and id = ?").params(tenantId.value(), reviewId)
                .query((rs, n) -> new Row(rs.getObject("account_id", UUID.class), rs.getString("review_name")))
                .optional().orElseThrow(() -> DomainException.notFound("Review")));
        return new Target(locations.open(tenantId, new AccountId(row.accountId())), row.name());
    }

    /** Inserts the new reviews, refreshes the known ones, forgets those Google no longer lists; returns the new. */
    private int store(TenantId tenantId, AccountId accountId, List<Review> reviews) {
        Instant now = now();
        int added = 0;
        Set<String> names = new HashSet<>();
        for (Review review : reviews) {
            names.add(review.name());
            int updated = jdbc.sql("update google_reviews set reviewer_name = ?, stars = ?, review_comment = ?, "
                    + "review_updated_at = ?, reply = ?, replied_at = ?, fetched_at = ?, "
                    + "draft = case when cast(? as varchar(4096)) is null then draft else null end "
                    + "where tenant_id = ? and review_name = ?")
                    .params(review.reviewerName(), review.stars(), review.comment(), ts(review.updateTime()),
                            review.replyComment(), ts(review.replyUpdateTime()), Timestamp.from(now),
                            review.replyComment(), tenantId.value(), review.name()).update();
            if (updated == 0) {
                jdbc.sql("insert into google_reviews (id, tenant_id, account_id, review_name, reviewer_name, stars, "
                        + "review_comment, reviewed_at, review_updated_at, reply, replied_at, fetched_at) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                        .params(Ids.newId(), tenantId.value(), accountId.value(), review.name(),
                                review.reviewerName(), review.stars(), review.comment(),
                                ts(review.createTime() != null ? review.createTime() : now),
                                ts(review.updateTime()), review.replyComment(), ts(review.replyUpdateTime()),
                                Timestamp.from(now)).update();
                added++;
            }
        }
        List<String> known = jdbc.sql("select review_name from google_reviews where tenant_id = ? and account_id = ?")
                .params(tenantId.value(), accountId.value()).query(String.class).list();
        for (String name : known) {
            if (!names.contains(name)) {
                jdbc.sql("delete from google_reviews where tenant_id = ? and review_name = ?")
                        .params(tenantId.value(), name).update();
            }
        }
        return added;
    }

    private ReviewView find(TenantId tenantId, UUID reviewId) {
        return jdbc.sql("select " + COLUMNS + " from google_reviews where tenant_id = ? and id = ?")
                .params(tenantId.value(), reviewId).query(this::view).optional()
                .orElseThrow(() -> DomainException.notFound("Review"));
    }

    private ReviewView view(ResultSet rs, int row) throws SQLException {
        int stars = rs.getInt("stars");
        Instant reviewed = GoogleMenuSync.instant(rs.getTimestamp("reviewed_at"));
        String reply = rs.getString("reply");
        String draft = rs.getString("draft");
        boolean overdue = reply == null && reviewed != null
                && reviewed.plus(properties.replyOverdueAfter()).isBefore(clock.instant());
        return new ReviewView(rs.getObject("id", UUID.class), new AccountId(rs.getObject("account_id", UUID.class)),
                rs.getString("reviewer_name"), stars, rs.getString("review_comment"), reviewed, reply,
                GoogleMenuSync.instant(rs.getTimestamp("replied_at")), draft,
                rs.getString("draft_writer"), stars >= 1 && stars <= ReviewReplies.LOW_STARS, overdue,
                draft == null ? null : replies.judged(nullable(rs, "draft_similarity"),
                        nullable(rs, "draft_meaning_similarity")));
    }

    private static Double nullable(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    /** Google's refusal as the API's error: its quota is a 429, the rest a 502 naming what failed. */
    static DomainException refused(GoogleError e, String what) {
        HttpStatus status = switch (e.kind()) {
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case INVALID_ARGUMENT -> HttpStatus.UNPROCESSABLE_CONTENT;
            case UNAUTHENTICATED, INVALID_GRANT, PERMISSION_DENIED, NOT_FOUND -> HttpStatus.CONFLICT;
            case TRANSIENT -> HttpStatus.BAD_GATEWAY;
        };
        return new DomainException(status, "Google refused to " + what + ": " + GoogleMenuSync.sentence(e));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
