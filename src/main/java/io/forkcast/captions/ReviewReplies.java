package io.forkcast.captions;

import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.Tenant;
import io.forkcast.tenancy.TenantId;
import io.forkcast.tenancy.Tenants;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Drafts the owner's reply to a guest's review in the restaurant's own voice, with the configured caption writer
 * (the offline one when the provider fails): the star rating and the guest's words considered, the wording of the
 * restaurant's earlier replies avoided. A draft is only a proposal: the owner edits and approves it.
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

    /** A drafted reply and the writer that wrote it ({@code offline}, {@code openai}). */
    public record Draft(String text, String writer) {
    }

    private final Tenants tenants;
    private final RestaurantProfiles profiles;
    private final CaptionWriter writer;
    private final OfflineCaptionWriter offline = new OfflineCaptionWriter();
    private final MeterRegistry meters;
    private final TransactionTemplate readOnly;

    ReviewReplies(Tenants tenants, RestaurantProfiles profiles, CaptionWriter writer, MeterRegistry meters,
            PlatformTransactionManager transactions) {
        this.tenants = tenants;
        this.profiles = profiles;
        this.writer = writer;
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
        List<String> earlier = earlierReplies.stream().limit(20).toList();
        ReplyBrief brief = new ReplyBrief(restaurant, profile, profile.voice(), profile.defaultLanguage(), review,
                earlier, prompt(restaurant, profile, review, earlier));
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
        return new Draft(text, written.writer());
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
