package io.forkcast.listing.web;

import io.forkcast.captions.ReviewReplies;
import io.forkcast.google.GoogleClient;
import io.forkcast.listing.GoogleInsights;
import io.forkcast.listing.GoogleMenuSync;
import io.forkcast.listing.GoogleReviews;
import io.forkcast.listing.ListingInsights;
import io.forkcast.listing.MenuSyncState;
import io.forkcast.listing.ReviewView;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

@Tag(name = "Google listing", description = "The restaurant's Google Business Profile listing beyond its posts: the "
        + "menu kept in sync with the listing's food menu, guests' reviews with replies drafted in the restaurant's "
        + "voice, and the listing's daily figures.")
@RestController
@Validated
@RequestMapping("/api/v1/tenants/{tenantId}/google")
class GoogleListingController {

    /**
     * @param status {@code never}, {@code pending} (a change waits for its sync), {@code synced} or {@code failed}
     * @param error why the last attempt failed, a sentence for the owner
     */
    record GoogleMenuSyncResponse(UUID accountId, String locationName,
            @Schema(allowableValues = {"never", "pending", "synced", "failed"}) String status, Integer itemCount,
            String error, Instant requestedAt, Instant attemptedAt, Instant syncedAt) {

        static GoogleMenuSyncResponse of(MenuSyncState state) {
            return new GoogleMenuSyncResponse(state.accountId().value(), state.locationName(),
                    state.status().wireName(), state.itemCount(), state.error(), state.requestedAt(),
                    state.attemptedAt(), state.syncedAt());
        }
    }

    record GoogleMenuSyncList(List<GoogleMenuSyncResponse> items) {
    }

    /**
     * @param stars 1 to 5 (0 when Google gave none)
     * @param status {@code needs_reply} or {@code replied}
     * @param draft the reply drafted in the restaurant's voice, awaiting approval (null once replied)
     * @param lowRating two stars or fewer
     * @param overdue no reply for more than {@code forkcast.listing.reply-overdue-after}
     * @param similarity how close the draft came to the restaurant's earlier replies (null without a draft)
     */
    record GoogleReviewResponse(UUID id, UUID accountId, String reviewerName, int stars, String comment,
            Instant reviewedAt, @Schema(allowableValues = {"needs_reply", "replied"}) String status, String reply,
            Instant repliedAt, String draft, String draftWriter, boolean lowRating, boolean overdue,
            DraftSimilarity similarity) {

        static GoogleReviewResponse of(ReviewView review) {
            return new GoogleReviewResponse(review.id(), review.accountId().value(), review.reviewerName(),
                    review.stars(), review.comment(), review.reviewedAt(),
                    review.replied() ? "replied" : "needs_reply", review.reply(), review.repliedAt(), review.draft(),
                    review.draftWriter(), review.low(), review.overdue(), DraftSimilarity.of(review.draftSimilarity()));
        }
    }

    /**
     * How close a drafted reply came to the restaurant's earlier replies, measured as a caption's {@code similarity}
     * is against recent captions; a draft too close is written again before it is shown.
     *
     * @param score the highest wording similarity (TF-IDF cosine over character 3-grams, 0..1)
     * @param threshold the captions' wording threshold
     * @param tooSimilar above a threshold even after the rewrites
     * @param meaning the same by meaning (sentence embeddings)
     */
    record DraftSimilarity(double score, double threshold, boolean tooSimilar, DraftMeaning meaning) {

        static DraftSimilarity of(ReviewReplies.ReplySimilarity similarity) {
            return similarity == null ? null : new DraftSimilarity(similarity.score(), similarity.threshold(),
                    similarity.tooSimilar(), new DraftMeaning(similarity.meaningScore(),
                    similarity.meaningThreshold(), similarity.meaningScore() != null));
        }
    }

    /**
     * @param score the highest meaning similarity (embeddings cosine, 0..1); null when not measured
     * @param threshold the captions' meaning threshold
     * @param measured false when the meaning model was off, loading or failing (judged on wording alone)
     */
    record DraftMeaning(Double score, double threshold, boolean measured) {
    }

    record GoogleReviewList(List<GoogleReviewResponse> items) {
    }

    record GoogleReviewSyncResponse(int reviews, int added, int drafted) {
    }

    /** The reply as the guest will read it on Google (the draft, edited or not). */
    record GoogleReplyRequest(@NotBlank @Size(max = 1500) String comment) {
    }

    record GoogleFigures(long mapsViews, long searchViews, long calls, long websiteClicks, long directionRequests,
            long foodOrders, long menuClicks) {

        static GoogleFigures of(ListingInsights.Figures f) {
            return new GoogleFigures(f.mapsViews(), f.searchViews(), f.calls(), f.websiteClicks(),
                    f.directionRequests(), f.foodOrders(), f.menuClicks());
        }
    }

    record GoogleInsightsDay(LocalDate day, GoogleFigures figures) {
    }

    record GoogleLocationInsights(UUID accountId, String locationName, GoogleFigures total,
            List<GoogleInsightsDay> days) {
    }

    record GoogleInsightsResponse(LocalDate from, LocalDate to, List<GoogleLocationInsights> locations) {
    }

    record GoogleInsightsSyncResponse(int figures) {
    }

    private final GoogleMenuSync menu;
    private final GoogleReviews reviews;
    private final GoogleInsights insights;
    private final GoogleClient google;
    private final Clock clock;

    GoogleListingController(GoogleMenuSync menu, GoogleReviews reviews, GoogleInsights insights, GoogleClient google,
            Clock clock) {
        this.google = google;
        this.menu = menu;
        this.reviews = reviews;
        this.insights = insights;
        this.clock = clock;
    }

    /** Before every endpoint here: a deployment with Google switched off answers 404, saying so. */
    @ModelAttribute
    void googleEnabled() {
        google.requireEnabled();
    }

    /** Where the menu stands on each Google location: the last sync's outcome, or a change waiting. */
    @GetMapping("/menu-sync")
    GoogleMenuSyncList menuSync(@PathVariable UUID tenantId) {
        return new GoogleMenuSyncList(menu.states(new TenantId(tenantId)).stream().map(GoogleMenuSyncResponse::of)
                .toList());
    }

    /** Writes the menu to every Google location now (menu changes are also synced on their own, shortly after). */
    @PostMapping("/menu-sync")
    GoogleMenuSyncList syncMenu(@PathVariable UUID tenantId) {
        return new GoogleMenuSyncList(menu.syncNow(new TenantId(tenantId)).stream().map(GoogleMenuSyncResponse::of)
                .toList());
    }

    /** The Google locations' reviews, newest first. */
    @GetMapping("/reviews")
    GoogleReviewList reviews(@PathVariable UUID tenantId,
            @Schema(allowableValues = {"all", "needs_reply", "replied", "low"})
            @RequestParam(defaultValue = "all") String filter,
            @RequestParam(defaultValue = "50") @Min(1) @Max(200) int limit) {
        GoogleReviews.Filter parsed;
        try {
            parsed = GoogleReviews.Filter.valueOf(filter.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("filter", "must be all, needs_reply, replied or low");
        }
        return new GoogleReviewList(reviews.list(new TenantId(tenantId), parsed, limit).stream()
                .map(GoogleReviewResponse::of).toList());
    }

    /** Fetches the reviews from Google now and drafts replies to the unanswered ones (also done hourly). */
    @PostMapping("/reviews/sync")
    GoogleReviewSyncResponse syncReviews(@PathVariable UUID tenantId) {
        GoogleReviews.SyncResult result = reviews.sync(new TenantId(tenantId));
        return new GoogleReviewSyncResponse(result.reviews(), result.added(), result.drafted());
    }

    @GetMapping("/reviews/{reviewId}")
    GoogleReviewResponse review(@PathVariable UUID tenantId, @PathVariable UUID reviewId) {
        return GoogleReviewResponse.of(reviews.get(new TenantId(tenantId), reviewId));
    }

    /** A fresh draft of the reply, unlike the restaurant's earlier replies. */
    @PostMapping("/reviews/{reviewId}/draft")
    GoogleReviewResponse redraft(@PathVariable UUID tenantId, @PathVariable UUID reviewId) {
        return GoogleReviewResponse.of(reviews.redraft(new TenantId(tenantId), reviewId));
    }

    /** Posts the reply on Google (or replaces the one there). */
    @PutMapping("/reviews/{reviewId}/reply")
    GoogleReviewResponse reply(@PathVariable UUID tenantId, @PathVariable UUID reviewId,
            @Valid @RequestBody GoogleReplyRequest request) {
        return GoogleReviewResponse.of(reviews.reply(new TenantId(tenantId), reviewId, request.comment()));
    }

    /** Deletes the reply on Google. */
    @DeleteMapping("/reviews/{reviewId}/reply")
    GoogleReviewResponse deleteReply(@PathVariable UUID tenantId, @PathVariable UUID reviewId) {
        return GoogleReviewResponse.of(reviews.deleteReply(new TenantId(tenantId), reviewId));
    }

    /** Each Google location's daily figures; by default the last 28 days Google has reported. */
    @GetMapping("/insights")
    GoogleInsightsResponse insights(@PathVariable UUID tenantId,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate from,
            @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) LocalDate to) {
        LocalDate end = to != null ? to : LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        LocalDate start = from != null ? from : end.minusDays(27);
        List<GoogleLocationInsights> locations = insights.read(new TenantId(tenantId), start, end).stream()
                .map(location -> new GoogleLocationInsights(location.accountId().value(), location.locationName(),
                        GoogleFigures.of(location.total()), location.days().stream()
                        .map(day -> new GoogleInsightsDay(day.day(), GoogleFigures.of(day.figures()))).toList()))
                .toList();
        return new GoogleInsightsResponse(start, end, locations);
    }

    /** Fetches the recent days' figures from Google now (also done daily). */
    @PostMapping("/insights/sync")
    GoogleInsightsSyncResponse syncInsights(@PathVariable UUID tenantId) {
        return new GoogleInsightsSyncResponse(insights.sync(new TenantId(tenantId)));
    }
}
