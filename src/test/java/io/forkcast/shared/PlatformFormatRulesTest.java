package io.forkcast.shared;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The format rules Meta sets on first comments and on "also share to feed", asked of the one {@code Platform}. */
class PlatformFormatRulesTest {

    private static Platform.MediaRules rules(Platform platform, Platform.Format format) {
        return platform.rules(format).orElseThrow();
    }

    @Test
    void storiesTakeNoFirstComment_feedsAndReelsDo() {
        for (Platform platform : new Platform[] {Platform.INSTAGRAM, Platform.FACEBOOK}) {
            assertThat(rules(platform, Platform.Format.STORY).firstCommentProblem()).hasValueSatisfying(problem ->
                    assertThat(problem).startsWith(platform.displayName() + " Story takes no first comment"));
            assertThat(rules(platform, Platform.Format.FEED).firstCommentProblem()).isEmpty();
            assertThat(rules(platform, Platform.Format.REEL).firstCommentProblem()).isEmpty();
        }
        assertThat(rules(Platform.GOOGLE_BUSINESS, Platform.Format.FEED).firstCommentProblem()).isPresent();
    }

    @Test
    void onlyAnInstagramReelOffersTheFeedChoice() {
        assertThat(rules(Platform.INSTAGRAM, Platform.Format.REEL).shareToFeedProblem(false)).isEmpty();
        assertThat(rules(Platform.INSTAGRAM, Platform.Format.REEL).shareToFeedProblem(true)).isEmpty();
        for (Platform platform : Platform.values()) {
            for (Platform.Format format : platform.formats()) {
                Platform.MediaRules rules = rules(platform, format);
                assertThat(rules.shareToFeedProblem(null)).as(rules.name()).isEmpty();
                if (platform != Platform.INSTAGRAM || format != Platform.Format.REEL) {
                    assertThat(rules.feedSharing()).as(rules.name()).isFalse();
                    assertThat(rules.shareToFeedProblem(true)).as(rules.name()).hasValueSatisfying(problem ->
                            assertThat(problem).contains(rules.name() + " has no such choice"));
                }
            }
        }
    }
}
