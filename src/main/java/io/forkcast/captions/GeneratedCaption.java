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
 * @param examples the best-performing recent captions the prompt quoted (reported when written, not stored)
 * @param imagesUsed the assets whose alt text and tags (and, with a vision model, the image) fed the prompt
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
        Instant createdAt,
        ExamplesReport examples,
        List<String> imagesUsed) {

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
     * @param meaning the meaning measure beside the wording one
     */
    public record SimilarityReport(double score, String similarTo, boolean openingRepeated, double hashtagOverlap,
            double threshold, boolean tooSimilar, MeaningReport meaning) {
    }

    /**
     * How close the caption's meaning came to the recent captions': the cosine of sentence embeddings.
     *
     * @param score the cosine with the closest recent caption by meaning (0..1); {@code null} when it was not measured
     * @param similarTo that caption's reference
     * @param threshold the configured meaning threshold
     * @param model the embeddings model, {@code none} when the measure is off
     * @param measured whether it was measured (false: the model was still loading or its provider failed, or the
     *                 measure is off; the caption was then judged on wording, opening and hashtags alone)
     */
    public record MeaningReport(Double score, String similarTo, double threshold, String model, boolean measured) {
    }

    /**
     * The tenant's best-performing recent captions the prompt quoted as examples of the voice that works.
     *
     * @param used references of the captions quoted ({@code post:<id>}), best first; empty with no history
     * @param note what happened: {@code examples}, {@code no_history} or {@code offline_writer} (which writes from
     *             its phrase banks and reads no examples)
     */
    public record ExamplesReport(List<String> used, String note) {
    }
}
