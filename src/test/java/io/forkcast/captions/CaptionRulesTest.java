package io.forkcast.captions;

import io.forkcast.shared.Platform;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules applied to every caption, whatever the writer did. */
class CaptionRulesTest {

    @Test
    void sentenceWithABannedWordIsDroppedWhateverItsCase() {
        CaptionRules.Checked checked = CaptionRules.enforce("Our pizza is great. It is CHEAP too! Come by.",
                Platform.FACEBOOK, List.of("cheap"));

        assertThat(checked.text()).isEqualTo("Our pizza is great. Come by.");
    }

    @Test
    void hashtagHoldingABannedWordIsDropped() {
        CaptionRules.Checked checked = CaptionRules.enforce("Lovely.\n\n#pizza #cheapeats #lyon", Platform.INSTAGRAM,
                List.of("cheap"));

        assertThat(checked.hashtags()).containsExactly("#pizza", "#lyon");
    }

    @Test
    void instagramKeepsTheFirstThirtyHashtagsAndDropsDuplicates() {
        StringBuilder text = new StringBuilder("Tasty.");
        for (int i = 0; i < 100; i++) {
            text.append(" #tag").append(i).append(" #tag0");
        }
        CaptionRules.Checked checked = CaptionRules.enforce(text.toString(), Platform.INSTAGRAM, List.of());

        assertThat(checked.hashtags()).hasSize(30).doesNotHaveDuplicates().startsWith("#tag0", "#tag1");
        assertThat(checked.withinLimits()).isTrue();
    }

    @Test
    void instagramKeepsTwentyMentions() {
        StringBuilder text = new StringBuilder("Thanks");
        for (int i = 0; i < 40; i++) {
            text.append(" @friend").append(i);
        }
        CaptionRules.Checked checked = CaptionRules.enforce(text.toString(), Platform.INSTAGRAM, List.of());

        assertThat(checked.mentions()).isEqualTo(20);
    }

    @Test
    void instagramTextIsCutToTwoThousandTwoHundredCharactersKeepingTheHashtags() {
        String text = "A fine sentence about pizza. ".repeat(200) + "\n\n#pizza #lyon";
        CaptionRules.Checked checked = CaptionRules.enforce(text, Platform.INSTAGRAM, List.of());

        assertThat(checked.characters()).isLessThanOrEqualTo(2_200);
        assertThat(checked.text()).endsWith("#pizza #lyon").contains("pizza.\n\n#pizza");
    }

    @Test
    void facebookAllowsLongText() {
        String text = "A fine sentence about pizza. ".repeat(200).strip();
        CaptionRules.Checked checked = CaptionRules.enforce(text, Platform.FACEBOOK, List.of());

        assertThat(checked.characters()).isEqualTo(text.length());
        assertThat(checked.withinLimits()).isTrue();
    }
}
