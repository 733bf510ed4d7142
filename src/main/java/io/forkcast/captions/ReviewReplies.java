package io.forkcast.captions;

import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.Tenant;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Drafts the owner's reply to a guest's review in the restaurant's own voice, with the configured caption writer
 * (the offline one when the provider fails): the star rating and the guest's words considered, the restaurant's
 * earlier replies avoided. Each draft is measured against those replies as a caption is against recent captions
 * (wording with the captions' threshold, and meaning when the model answers) and written again, told what to
 * avoid, while its wording is too close; the closest-scoring attempt comes back flagged when none is far enough. A
 * draft
 * is only a proposal: the owner edits and approves it.
 */
@Service
public class ReviewReplies {

    /** What a reply may be at most: well under Google's 4096 bytes, and what a guest reads. */
    public static final int MAX_LENGTH = 1500;

    /** A star rating at or below this is a low one: an apology, not a thank-you, and the owner is told. */
    public static final int LOW_STARS = 2;

    /**
     * A guest's review to answer.
     *
     * @param reviewerName the guest's display name, null when anonymous
     * @param stars 1 to 5
     * @param comment what the guest wrote, null for a rating alone
     */
    public record Review(String reviewerName, int stars, String comment) {

        public boolean low() {
            return stars <= LOW_STARS;
        }
    }

    /**
     * A drafted reply, the writer that wrote it ({@code offline}, {@code openai}), how close it came to the earlier
     * replies, and how many times it was written.
     */
    public record Draft(String text, String writer, ReplySimilarity similarity, int attempts) {
    }

    /**
     * How close a draft came to the restaurant's earlier replies, by the captions' measures and thresholds.
     *
     * @param score the highest wording similarity (TF-IDF cosine over character 3-grams, 0..1)
     * @param meaningScore the highest meaning similarity (embeddings cosine); null when not measured
     * @param threshold the wording threshold ({@code forkcast.captions.similarity-threshold})
     * @param meaningThreshold the meaning threshold ({@code forkcast.captions.meaning.threshold})
     * @param tooSimilar above the wording threshold even after the rewrites. The meaning is measured and reported
     *                   but does not make a reply too close: replies to reviews praising the same dish say the
     *                   same thing by nature (the 20-reply test measures how close), so only a reuse of wording is.
     */
    public record ReplySimilarity(double score, Double meaningScore, double threshold, double meaningThreshold,
            boolean tooSimilar) {

        /** The wording score as a share of its threshold: lower is further from the earlier replies. */
        double rank() {
            return score / Math.max(threshold, 1e-6);
        }
    }

    /** The captions' anti-repetition settings a reply is held to. */
    record Limits(double threshold, double meaningThreshold, int maxRegenerations) {
    }

    private final Tenants tenants;
    private final RestaurantProfiles profiles;
    private final CaptionWriter writer;
    private final OfflineCaptionWriter offline = new OfflineCaptionWriter();
    private final Meaning meaning;
    private final Limits limits;
    private final MeterRegistry meters;
    private final TransactionTemplate readOnly;

    @Autowired
    ReviewReplies(Tenants tenants, RestaurantProfiles profiles, CaptionWriter writer, Meaning meaning,
            CaptionsProperties properties, MeterRegistry meters, PlatformTransactionManager transactions) {
        this(tenants, profiles, writer, meaning, new Limits(properties.similarityThreshold(),
                properties.meaning().threshold(), properties.maxRegenerations()), meters, transactions);
    }

    ReviewReplies(Tenants tenants, RestaurantProfiles profiles, CaptionWriter writer, Meaning meaning, Limits limits,
            MeterRegistry meters, PlatformTransactionManager transactions) {
        this.tenants = tenants;
        this.profiles = profiles;
        this.writer = writer;
        this.meaning = meaning;
        this.limits = limits;
        this.meters = meters;
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
    }

    /**
     * A reply to {@code review}, unlike {@code earlierReplies} (newest first). Calls the writer outside any
     * transaction. The offline writer answers when the configured one cannot.
     */
    public Draft draft(TenantId tenantId, Review review, List<String> earlierReplies) {
        if (review.stars() < 1 || review.stars() > 5) {
            throw DomainException.badRequest("A review has 1 to 5 stars.");
        }
        record Context(Tenant tenant, RestaurantProfile profile) {
        }
        Context context = readOnly.execute(status -> new Context(tenants.get(tenantId), profiles.get(tenantId)));
        RestaurantProfile profile = context.profile();
        String restaurant = profile.name() != null ? profile.name() : context.tenant().name();
        return draft(restaurant, profile, review, earlierReplies.stream().limit(20).toList());
    }

    /**
     * Writes a reply, measures it against {@code earlier} and writes it again, avoiding the too-close attempts
     * too, until one is far enough or the rewrites are spent (then the closest-scoring attempt, flagged).
     */
    Draft draft(String restaurant, RestaurantProfile profile, Review review, List<String> earlier) {
        List<String> avoid = new ArrayList<>(earlier);
        Draft best = null;
        int attempts = 0;
        for (int attempt = 0; attempt <= limits.maxRegenerations(); attempt++) {
            attempts++;
            ReplyBrief brief = new ReplyBrief(restaurant, profile, profile.voice(), profile.defaultLanguage(), review,
                    List.copyOf(avoid), prompt(restaurant, profile, review, avoid));
            CaptionWriter.WrittenCaption written = writeOnce(brief);
            ReplySimilarity similarity = measure(written.text(), earlier);
            if (best == null || similarity.rank() < best.similarity().rank()) {
                best = new Draft(written.text(), written.writer(), similarity, attempts);
            }
            if (!similarity.tooSimilar()) {
                break;
            }
            avoid.addFirst(written.text());
        }
        meters.counter("forkcast.reviews.reply.drafts", "too_similar", Boolean.toString(best.similarity().tooSimilar()))
                .increment();
        return new Draft(best.text(), best.writer(), best.similarity(), attempts);
    }

    /** One reply from the configured writer (the offline one when it fails or answers nothing), within the length. */
    private CaptionWriter.WrittenCaption writeOnce(ReplyBrief brief) {
        CaptionWriter.WrittenCaption written;
        try {
            written = writer.reply(brief);
        } catch (CaptionWriterUnavailable e) {
            meters.counter("forkcast.captions.provider.failures", "writer", writer.name()).increment();
            written = offline.reply(brief);
        }
        String text = written.text().strip();
        if (text.isEmpty()) {
            written = offline.reply(brief);
            text = written.text().strip();
        }
        if (text.length() > MAX_LENGTH) {
            int cut = text.lastIndexOf(". ", MAX_LENGTH);
            text = cut > 0 ? text.substring(0, cut + 1) : text.substring(0, MAX_LENGTH);
        }
        return new CaptionWriter.WrittenCaption(text, written.language(), written.writer(), written.model(),
                written.promptTokens(), written.completionTokens());
    }

    /** How close {@code reply} is to the closest of {@code earlier}, by wording and (when measured) by meaning. */
    ReplySimilarity measure(String reply, List<String> earlier) {
        if (earlier.isEmpty()) {
            return new ReplySimilarity(0, meaning.enabled() ? 0.0 : null, limits.threshold(),
                    limits.meaningThreshold(), false);
        }
        double wording = round(java.util.Arrays.stream(Similarity.cosines(reply, earlier)).max().orElse(0));
        Meaning.Comparison compared = meaning.compare(reply, earlier.stream()
                .map(text -> new Meaning.Known(text, null, null)).toList());
        Double byMeaning = compared == null ? null
                : round(Math.max(0, java.util.Arrays.stream(compared.cosines()).max().orElse(0)));
        return judged(wording, byMeaning);
    }

    /** A stored draft's scores judged against the current thresholds; null when the draft was never measured. */
    public ReplySimilarity judged(Double score, Double meaningScore) {
        if (score == null) {
            return null;
        }
        return new ReplySimilarity(score, meaningScore, limits.threshold(), limits.meaningThreshold(),
                score > limits.threshold());
    }

    private static double round(double value) {
        return Math.round(value * 10_000) / 10_000.0;
    }

    /** The chat prompt for writers that send one: the profile, the review, the rules, the replies not to echo. */
    static CaptionBrief.Prompt prompt(String restaurant, RestaurantProfile profile, Review review,
            List<String> earlier) {
        List<String> system = new ArrayList<>();
        system.add("You are the owner of " + restaurant + (profile.cuisine() == null ? "" : ", a "
                + profile.cuisine() + " restaurant") + (profile.city() == null ? "" : " in " + profile.city())
                + ", replying in public to a guest's Google review.");
        if (profile.description() != null) {
            system.add("About the restaurant: " + profile.description());
        }
        system.add("Voice: " + profile.voice().name().toLowerCase(Locale.ROOT) + ". Language: "
                + profile.defaultLanguage() + ".");
        system.add("Write one reply of at most " + MAX_LENGTH + " characters, plain text: no hashtags, no links, "
                + "no quotation marks around it. Thank the guest, by first name when given; answer what they "
                + "actually wrote; never invent facts, offers or discounts.");
        if (review.low()) {
            system.add("This is a low rating: apologise sincerely without arguing or blaming the guest, and invite "
                    + "them to contact the restaurant directly so it can make things right.");
        }
        if (profile.bannedWords() != null && !profile.bannedWords().isEmpty()) {
            system.add("Never use these words: " + String.join(", ", profile.bannedWords()) + ".");
        }
        if (!earlier.isEmpty()) {
            system.add("Do not reuse the wording of these earlier replies:\n- " + String.join("\n- ", earlier));
        }
        String user = "Review by " + (review.reviewerName() == null ? "an anonymous guest" : review.reviewerName())
                + ", " + review.stars() + " of 5 stars" + (review.comment() == null || review.comment().isBlank()
                ? ", with no text." : ":\n" + review.comment().strip());
        return new CaptionBrief.Prompt(String.join("\n", system), user);
    }
}
