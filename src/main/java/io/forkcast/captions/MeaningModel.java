package io.forkcast.captions;

import java.util.List;

/**
 * Sentence embeddings for anti-repetition by meaning: a caption becomes a vector, and two captions that say the
 * same thing in other words get vectors pointing the same way. Vectors of different models cannot be compared,
 * so each is stored with the model's {@link #name()}.
 */
interface MeaningModel {

    /** The model's name, stored beside each vector ({@code all-minilm-l6-v2-q}, {@code openai:text-embedding-3-small}). */
    String name();

    /**
     * One unit-length vector per text, in order.
     *
     * @throws MeaningUnavailable when the model cannot answer now (still loading, provider down)
     */
    List<float[]> embed(List<String> texts);

    /** Thrown when a model cannot answer; the caption is then judged on wording alone, and says so. */
    final class MeaningUnavailable extends RuntimeException {

        MeaningUnavailable(String reason) {
            super(reason, null, false, false);
        }
    }

    /** No meaning measure at all ({@code forkcast.captions.meaning.provider=none}). */
    MeaningModel NONE = new MeaningModel() {
        @Override
        public String name() {
            return "none";
        }

        @Override
        public List<float[]> embed(List<String> texts) {
            throw new MeaningUnavailable("the meaning measure is turned off");
        }
    };
}
