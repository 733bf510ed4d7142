package io.forkcast.captions;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The learned "same idea" decision on the real local model's cosines, and the signs it weighs. */
class SameIdeaTest {

    @Test
    void theSignsASentenceModelWeighsPoorlyAreRead() {
        SameIdea.Features flip = SameIdea.features("Our oven-fired margherita is back!",
                "Our oven-fired margherita is sold out for today.", 0.8, 0.6);
        assertThat(flip.oneSaysNo()).isEqualTo(1);
        assertThat(flip.sharedWords()).isGreaterThan(0.3);
        assertThat(SameIdea.features("Three tacos for 9 euros.", "Three tacos for 12 euros.", 0.9, 0.8)
                .numbersDiffer()).isEqualTo(1);
        assertThat(SameIdea.features("Three tacos for 9 euros.", "3 tacos for nine euros.", 0.9, 0.8)
                .numbersDiffer()).isZero();
        assertThat(SameIdea.features("Fresh tomatoes and basil.", "Basil with a fresh tomato.", 0.9, 0.5)
                .sharedWords()).isEqualTo(1);
    }

    @Test
    void aParaphraseIsTheSameIdeaAndANewsFlipLessSo() {
        LocalMeaningModel model = new LocalMeaningModel(Duration.ofMinutes(2));
        String back = "Our oven-fired margherita is back!";
        String returns = "The wood-fired margherita returns.";
        String soldOut = "Our oven-fired margherita is sold out for today.";
        List<float[]> v = model.embed(List.of(back, returns, soldOut));

        double paraphrase = Meaning.cosine(v.get(0), v.get(1));
        double flip = Meaning.cosine(v.get(0), v.get(2));

        double same = SameIdea.probability(back, returns, paraphrase, Similarity.cosine(back, returns));
        assertThat(same).isGreaterThan(SameIdea.CUT);
        // Still above the cut (and its wording alone, 0.58, flags it): the "no" only lowers the odds.
        assertThat(SameIdea.probability(back, soldOut, flip, Similarity.cosine(back, soldOut))).isLessThan(same);
    }

    @Test
    void farApartInMeaningIsNeverTheSameIdea() {
        assertThat(SameIdea.couldBeSame(0.1)).isFalse();
        assertThat(SameIdea.couldBeSame(0.95)).isTrue();
        assertThat(SameIdea.probability("Live jazz on Thursday.", "Live jazz on Thursday.", 0.1, 1)).isLessThan(SameIdea.CUT);
    }
}
