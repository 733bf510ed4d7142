package io.forkcast.google;

import java.time.Instant;

/**
 * A review of a location as Google lists it (Business Profile v4 {@code Review}).
 *
 * @param name the resource name, {@code accounts/{a}/locations/{l}/reviews/{reviewId}}
 * @param reviewerName the reviewer's display name ({@code null} when the reviewer is anonymous)
 * @param stars 1 to 5, from Google's {@code starRating} enum ({@code ONE}..{@code FIVE}); 0 when unspecified
 * @param comment the review's text, {@code null} for a rating without words
 * @param replyComment the owner's reply as Google shows it, {@code null} without one
 */
public record Review(String name, String reviewerName, int stars, String comment, Instant createTime,
        Instant updateTime, String replyComment, Instant replyUpdateTime) {

    /** The reply's limit Google enforces ({@code ReviewReply.comment}: 4096 bytes). */
    public static final int REPLY_MAX_BYTES = 4096;

    /** The owner's reply as Google stored it. */
    public record Reply(String comment, Instant updateTime) {
    }
}
