package io.forkcast.listing;

import io.forkcast.accounts.AccountId;
import io.forkcast.captions.ReviewReplies;

import java.time.Instant;
import java.util.UUID;

/**
 * A guest's review of one of the tenant's Google locations, with the owner's reply as Google shows it and the
 * drafted reply awaiting the owner's approval.
 *
 * @param reviewerName null for an anonymous guest
 * @param stars 1 to 5 (0 when Google gave none)
 * @param draft the proposed reply, null once a reply is posted
 * @param low a low rating (two stars or fewer): shown first, and flagged
 * @param overdue no reply for longer than {@code forkcast.listing.reply-overdue-after}
 * @param draftSimilarity how close the draft came to the restaurant's earlier replies; null without a measured draft
 */
public record ReviewView(UUID id, AccountId accountId, String reviewerName, int stars, String comment,
        Instant reviewedAt, String reply, Instant repliedAt, String draft, String draftWriter, boolean low,
        boolean overdue, ReviewReplies.ReplySimilarity draftSimilarity) {

    public boolean replied() {
        return reply != null;
    }
}
