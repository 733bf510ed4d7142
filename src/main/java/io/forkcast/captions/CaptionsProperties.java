package io.forkcast.captions;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Settings of the captions module ({@code forkcast.captions.*}).
 *
 * @param writer which writer produces captions: {@code offline} (phrase banks, no network) or {@code openai}
 *               (any OpenAI-compatible chat completions API)
 * @param fallbackToOffline when the OpenAI-compatible provider fails, write with the offline writer instead of
 *                          answering 503 (each caption says which writer produced it)
 * @param similarityThreshold wording similarity (TF-IDF cosine over character 3-grams, 0..1) above which a
 *                            caption is too close to a recent one
 * @param hashtagOverlapThreshold Jaccard overlap of non-signature hashtag sets at or above which a caption
 *                                repeats a recent one's hashtags
 * @param openingWords how many first words make up a caption's opening; a caption opening like one of the
 *                     last {@code openingMemory} captions is too close
 * @param openingMemory how many of the most recent captions the opening is compared with
 * @param recentWindow how far back "recent" captions go (generated and, through {@link RecentCaptionSource}, posted)
 * @param recentLimit at most this many recent captions are compared, the newest
 * @param maxRegenerations how many times a too-close caption is written again, naming the caption it was close to,
 *                         before the closest-scoring attempt is returned flagged
 * @param dailyGenerations caption requests per tenant and calendar day (the tenant's time zone), by plan name;
 *                         a plan without an entry has no cap
 * @param openai the OpenAI-compatible provider
 * @param meaning anti-repetition by meaning (sentence embeddings), beside the wording measure
 * @param examples the tenant's best-performing recent captions quoted in the prompt as examples
 */
@Validated
@ConfigurationProperties("forkcast.captions")
record CaptionsProperties(
        @DefaultValue("offline") @NotNull WriterKind writer,
        @DefaultValue("false") boolean fallbackToOffline,
        @DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double similarityThreshold,
        @DefaultValue("0.8") @DecimalMin("0.0") @DecimalMax("1.0") double hashtagOverlapThreshold,
        @DefaultValue("2") @Min(1) @Max(10) int openingWords,
        @DefaultValue("20") @Min(0) int openingMemory,
        @DefaultValue("60d") @NotNull Duration recentWindow,
        @DefaultValue("200") @Min(1) @Max(5000) int recentLimit,
        @DefaultValue("3") @Min(0) @Max(10) int maxRegenerations,
        Map<String, @Min(0) Integer> dailyGenerations,
        @DefaultValue @Valid OpenAi openai,
        @DefaultValue @Valid ByMeaning meaning,
        @DefaultValue @Valid Examples examples) {

    enum WriterKind {
        OFFLINE, OPENAI
    }

    CaptionsProperties {
        dailyGenerations = dailyGenerations == null || dailyGenerations.isEmpty()
                ? Map.of("basic", 50, "pro", 300, "enterprise", 2000)
                : Map.copyOf(dailyGenerations);
    }

    /**
     * An OpenAI-compatible chat completions API (OpenAI, an Azure-compatible gateway, Ollama, vLLM).
     *
     * @param baseUrl the API's base address, ending in {@code /v1} ({@code https://api.openai.com/v1}); empty
     *                means this instance's own sandbox ({@code <public base URL>/sandbox/openai/v1})
     * @param apiKey the bearer key; never logged
     * @param model the chat model
     * @param timeout how long one call may take, connection included
     * @param temperature sampling temperature, 0..2
     * @param maxCompletionTokens the most tokens one caption may cost in output
     * @param maxRetries retries after a 408, 409, 429 (but not insufficient_quota) or 5xx, or a timeout
     * @param maxRetryWait the longest wait honoured from {@code retry-after}; a longer one fails at once
     * @param initialBackoff the wait before the first retry when the provider names none, doubled each time
     * @param vision the model reads images: the chosen photos go into the chat request as {@code image_url}
     *               parts (their Instagram-ready derivative, by signed URL) beside their alt text and tags
     */
    record OpenAi(
            URI baseUrl,
            String apiKey,
            @DefaultValue("gpt-4o-mini") @NotNull String model,
            @DefaultValue("30s") @NotNull Duration timeout,
            @DefaultValue("0.9") @DecimalMin("0.0") @DecimalMax("2.0") double temperature,
            @DefaultValue("400") @Min(16) int maxCompletionTokens,
            @DefaultValue("2") @Min(0) @Max(10) int maxRetries,
            @DefaultValue("20s") @NotNull Duration maxRetryWait,
            @DefaultValue("500ms") @NotNull Duration initialBackoff,
            @DefaultValue("false") boolean vision) {

        @Override
        public String toString() {
            return "OpenAi[baseUrl=" + baseUrl + ", model=" + model + ", apiKey=" + (apiKey == null ? "none" : "***") + "]";
        }
    }

    /** Where caption embeddings come from. */
    enum MeaningProvider {
        /** all-MiniLM-L6-v2 (quantized) in-process, from the model inside its Maven artifact. */
        LOCAL,
        /** The OpenAI-compatible {@code /embeddings} endpoint of {@code forkcast.captions.openai}. */
        OPENAI,
        /** No meaning measure: wording, opening and hashtags only. */
        NONE
    }

    /** How a caption is judged to say the same thing as a recent one. */
    enum MeaningDecision {
        /**
         * A logistic model over the meaning cosine, the wording, shared words, differing numbers and one caption
         * saying no where the other does not, fitted on the labelled pairs for the local model; with another
         * provider's embeddings the cosine threshold decides.
         */
        LEARNED,
        /** The cosine of the embeddings above {@code threshold}. */
        COSINE
    }

    /**
     * Anti-repetition by meaning.
     *
     * @param provider where embeddings come from
     * @param decision how "says the same thing" is decided: {@code learned} (the default; the local model only) or
     *                 {@code cosine}
     * @param threshold cosine of the embeddings (0..1) above which a caption says the same thing as a recent one,
     *                  when the decision is {@code cosine} or the provider is not {@code local}; chosen on the
     *                  labelled pairs in the test resources (see docs/captions.md)
     * @param model the embeddings model when the provider is {@code openai}
     * @param loadTimeout how long a caption waits for the local model while it loads in the background; after
     *                    that the caption is judged on wording alone
     */
    record ByMeaning(
            @DefaultValue("local") @NotNull MeaningProvider provider,
            @DefaultValue("learned") @NotNull MeaningDecision decision,
            @DefaultValue("0.725") @DecimalMin("0.0") @DecimalMax("1.0") double threshold,
            @DefaultValue("text-embedding-3-small") @NotNull String model,
            @DefaultValue("20s") @NotNull Duration loadTimeout) {
    }

    /**
     * The tenant's best-performing recent captions, quoted in the prompt as the voice that works.
     *
     * @param count at most this many, per platform
     * @param window how far back published posts count
     * @param minimumEngagement a post needs at least this many likes, comments and shares together to count
     */
    record Examples(
            @DefaultValue("3") @Min(0) @Max(10) int count,
            @DefaultValue("90d") @NotNull Duration window,
            @DefaultValue("1") @Min(0) int minimumEngagement) {
    }
}
