package io.forkcast.captions;

import java.util.List;

/**
 * Everything a writer needs for one reply to a guest's review: the restaurant and its voice, the review (stars,
 * words, who wrote it), the restaurant's earlier replies (whose wording the reply must not repeat) and the rendered
 * prompt for writers that send one.
 */
record ReplyBrief(String restaurantName, RestaurantProfile profile, Tone tone, String language,
        ReviewReplies.Review review, List<String> earlierReplies, CaptionBrief.Prompt prompt) {
}
