package io.forkcast.captions;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Replies to reviews: the offline writer's by the stars and the guest's words, and the prompt a model gets. */
class ReviewRepliesTest {

    private final OfflineCaptionWriter writer = new OfflineCaptionWriter();
    private final RestaurantProfile profile = new RestaurantProfile("Krusty Pizza", "Neapolitan pizza",
            "Wood-fired since 1998.", "Lyon", Tone.FRIENDLY, List.of("#KrustyPizza"), List.of("cheap"), "en",
            EmojiLevel.LOW, null);

    private ReplyBrief brief(ReviewReplies.Review review, List<String> earlier) {
        return new ReplyBrief("Krusty Pizza", profile, Tone.FRIENDLY, "en", review, earlier,
                ReviewReplies.prompt("Krusty Pizza", profile, review, earlier));
    }

    @Test
    void aHighRatingIsThankedByFirstNameForWhatTheGuestPraisedAndInvitedBack() {
        String reply = writer.reply(brief(new ReviewReplies.Review("Anna Bianchi", 5,
                "The margherita was the best in town."), List.of())).text();

        assertThat(reply).contains("Anna").contains("the margherita").doesNotContain("Bianchi")
                .doesNotContain("sorry").doesNotContain("#");
    }

    @Test
    void aLowRatingIsApologisedForAndTheGuestAskedToGetInTouch() {
        String reply = writer.reply(brief(new ReviewReplies.Review("Marco", 1, "Cold pizza."), List.of())).text();

        assertThat(reply).containsPattern("(?i)sorry|apologise").containsPattern("(?i)contact|get in touch|reach out")
                .doesNotContain("See you next time");
    }

    @Test
    void anAnonymousRatingWithoutWordsStillGetsASensibleReply() {
        String reply = writer.reply(brief(new ReviewReplies.Review(null, 4, null), List.of())).text();

        assertThat(reply).isNotBlank().doesNotContain("null").contains("Krusty Pizza");
    }

    @Test
    void repliesAvoidTheSentencesOfEarlierReplies() {
        List<String> earlier = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String reply = writer.reply(brief(new ReviewReplies.Review("Paolo", 5, null), earlier)).text();
            String opening = reply.substring(0, reply.indexOf(reply.contains("!") ? '!' : '.') + 1);
            assertThat(earlier).noneMatch(previous -> previous.contains(opening));
            earlier.add(reply);
        }
    }

    /**
     * Twenty reviews praising much the same things, each drafted with the restaurant's replies so far as the
     * earlier ones (as the review sync does): no two drafts are closer in wording than the captions' threshold
     * allows. Their closeness by meaning (the in-process model the captions use) is printed beside it.
     */
    @Test
    void twentyRepliesToSimilarReviewsStayApartByWordingAndMeaning() {
        Meaning meaning = new Meaning(new LocalMeaningModel(java.time.Duration.ofMinutes(2)));
        ReviewReplies replies = new ReviewReplies(null, null, writer, meaning,
                new ReviewReplies.Limits(0.5, 0.725, 3), new io.micrometer.core.instrument.simple.SimpleMeterRegistry(),
                null);
        String[] guests = {"Anna", "Luca", "Sofia", "Marco", "Giulia", "Paolo", "Elena", "Matteo", "Chiara", "Davide"};
        String[] praise = {"The margherita was perfect and the staff were lovely.",
                "The pizza was delicious and the service was friendly.",
                "The crust was amazing, we will come back."};
        List<String> written = new ArrayList<>();
        int rewritten = 0;
        for (int i = 0; i < 20; i++) {
            ReviewReplies.Draft draft = replies.draft("Krusty Pizza", profile, new ReviewReplies.Review(
                    guests[i % guests.length] + " R.", i % 7 == 6 ? 4 : 5, praise[i % praise.length]),
                    List.copyOf(written.reversed()));
            assertThat(draft.similarity().tooSimilar()).as("draft %d: %s", i, draft).isFalse();
            rewritten += draft.attempts() - 1;
            written.add(draft.text());
        }

        double maxWording = 0;
        double maxMeaning = 0;
        // Every pair once: each reply against all the replies written before it, measured as its draft was.
        for (int i = 1; i < written.size(); i++) {
            ReviewReplies.ReplySimilarity closest = replies.measure(written.get(i), written.subList(0, i));
            maxWording = Math.max(maxWording, closest.score());
            maxMeaning = Math.max(maxMeaning, closest.meaningScore());
        }
        System.out.printf(java.util.Locale.ROOT, "20 review replies: max pairwise wording similarity %.4f "
                + "(threshold 0.5), max meaning similarity %.4f (threshold 0.725), %d rewrites%n", maxWording,
                maxMeaning, rewritten);
        assertThat(maxWording).isLessThanOrEqualTo(0.5);
        assertThat(maxMeaning).isPositive();
    }

    @Test
    void theModelsPromptCarriesTheProfileTheReviewAndTheRepliesNotToEcho() {
        ReviewReplies.Review review = new ReviewReplies.Review("Marco", 2, "Slow service.");

        CaptionBrief.Prompt prompt = ReviewReplies.prompt("Krusty Pizza", profile, review,
                List.of("Thank you so much, Lea!"));

        assertThat(prompt.system()).contains("Krusty Pizza", "Neapolitan pizza", "Lyon", "Wood-fired since 1998.",
                "friendly", "apologise", "cheap", "Thank you so much, Lea!");
        assertThat(prompt.user()).contains("Marco", "2 of 5 stars", "Slow service.");
    }
}
