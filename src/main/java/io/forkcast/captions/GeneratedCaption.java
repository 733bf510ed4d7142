package io.forkcast.captions;

import io.forkcast.shared.Platform;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A caption as generated and stored: what a client shows, and what the publishing module attaches to a post.
 *
 * @param id the caption's id, by which a post can refer to it
 * @param menuItemId the menu item it is about, {@code null} for an item given inline
 * @param language the language the writer actually wrote (the offline writer writes English only)
 * @param characterCount characters (Unicode code points) of {@code text}
 * @param limits the platform's limits and whether the caption meets them
 * @param similarity how close it came to the tenant's recent captions
 * @param writer the writer that produced it ({@code offline}, {@code openai})
 * @param model the writer's model
 * @param attempts how many times it was written (1 + regenerations)
 */
public record GeneratedCaption(
        UUID id,
        UUID tenantId,
        UUID menuItemId,
        String itemName,
        Platform platform,
        Tone tone,
        String language,
        String text,
        List<String> hashtags,
        int characterCount,
        Limits limits,
        SimilarityReport similarity,
        String writer,
        String model,
        int attempts,
        Instant createdAt) {

    /**
     * The platform's limits and the caption's counts.
     *
     * @param maxCharacters the platform's character limit
     * @param maxHashtags the platform's hashtag limit ({@code null}: none)
     * @param maxMentions the platform's mention limit ({@code null}: none)
     * @param withinLimits whether the caption meets all of them
     */
    public record Limits(int maxCharacters, Integer maxHashtags, Integer maxMentions, int hashtags, int mentions,
            boolean withinLimits) {
    }

    /**
     * The highest similarity to a recent caption.
     *
     * @param score TF-IDF cosine over character 3-grams (0..1) with the closest recent caption
     * @param similarTo the closest recent caption ({@code caption:<id>}, or another module's reference), if any
     * @param openingRepeated whether its opening repeats one of the latest captions'
     * @param hashtagOverlap the highest Jaccard overlap of its non-signature hashtags with a recent caption's
     * @param threshold the configured wording threshold
     * @param tooSimilar whether it is still too close after every regeneration (returned as the best attempt)
     */
    public record SimilarityReport(double score, String similarTo, boolean openingRepeated, double hashtagOverlap,
            double threshold, boolean tooSimilar) {
    }
}
