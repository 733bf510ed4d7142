package io.forkcast.captions;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The documented similarity measure. */
class SimilarityTest {

    @Test
    void identicalCaptionsScoreOne() {
        assertThat(Similarity.cosine("Say hello to our Margherita!", "Say hello to our Margherita!"))
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void punctuationCaseAndAccentsDoNotHideACopy() {
        assertThat(Similarity.cosine("Crème brûlée, tonight!", "creme brulee tonight"))
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void nearCopyWithOneWordChangedScoresAboveNinetyPercent() {
        double score = Similarity.cosine(
                "Say hello to our Margherita! San Marzano tomatoes, fior di latte and basil. Book via the link in bio.",
                "Say hello to our Margherita! San Marzano tomatoes, fior di latte and basil. Book via the link in our bio.");

        assertThat(score).isGreaterThan(0.9);
    }

    @Test
    void differentCaptionsAboutTheSameDishScoreLow() {
        double score = Similarity.cosine("Say hello to the Margherita! Tomatoes and basil, nothing more.",
                "Plot twist: the Margherita. Book via the link in our bio, we will save you a seat.");

        assertThat(score).isLessThan(0.5);
    }

    @Test
    void openingIsTheFirstWordsNormalised() {
        assertThat(Similarity.opening("Say HELLO, to the Margherita", 2)).isEqualTo("say hello");
    }

    @Test
    void signatureHashtagsDoNotCountAsOverlap() {
        double overlap = Similarity.hashtagOverlap(List.of("#Krusty", "#pizza", "#lyon", "#yum"),
                List.of("#krusty", "#pizza", "#lyon", "#yum"), Set.of("#krusty"));

        assertThat(overlap).isEqualTo(1.0);
        assertThat(Similarity.hashtagOverlap(List.of("#Krusty", "#a", "#b"), List.of("#krusty", "#c", "#d"),
                Set.of("#krusty"))).isZero();
    }
}
