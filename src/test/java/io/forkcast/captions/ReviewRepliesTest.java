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

        assertThat(reply).containsIgnoringCase("sorry").containsPattern("(?i)contact|get in touch|reach out")
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
