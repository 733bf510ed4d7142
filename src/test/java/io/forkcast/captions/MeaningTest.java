package io.forkcast.captions;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Stored vectors belong to the model that made them: when the local model changes (all-MiniLM-L6-v2 before,
 * bge-small-en-v1.5 now), a recent caption stored with the old model's vector is embedded again by the current
 * model when compared, never compared by its old vector, even though both have 384 dimensions.
 */
class MeaningTest {

    /** A model that maps every text to the same direction, and remembers what it was asked to embed. */
    static final class Fixed implements MeaningModel {
        final List<String> embedded = new ArrayList<>();

        @Override
        public String name() {
            return LocalMeaningModel.NAME;
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            embedded.addAll(texts);
            return texts.stream().map(t -> axis(0)).toList();
        }
    }

    static float[] axis(int i) {
        float[] v = new float[384];
        v[i] = 1;
        return v;
    }

    @Test
    void aVectorStoredByAnotherModelIsEmbeddedAgainByTheCurrentOne() {
        Fixed model = new Fixed();
        Meaning meaning = new Meaning(model);
        Meaning.Known old = new Meaning.Known("Our oven-fired margherita is back.", "all-minilm-l6-v2-q",
                Meaning.encode(axis(1)));

        Meaning.Comparison comparison = meaning.compare("The wood-fired margherita returns.", List.of(old));

        assertThat(model.embedded).contains("Our oven-fired margherita is back.");
        assertThat(comparison.cosines()[0]).isCloseTo(1.0, within(1e-6));
    }

    @Test
    void aVectorStoredByTheCurrentModelIsUsedAsItIs() {
        Fixed model = new Fixed();
        Meaning meaning = new Meaning(model);
        Meaning.Known current = new Meaning.Known("Our oven-fired margherita is back.", LocalMeaningModel.NAME,
                Meaning.encode(axis(1)));

        Meaning.Comparison comparison = meaning.compare("The wood-fired margherita returns.", List.of(current));

        assertThat(model.embedded).containsExactly("The wood-fired margherita returns.");
        assertThat(comparison.cosines()[0]).isCloseTo(0.0, within(1e-6));
    }
}
