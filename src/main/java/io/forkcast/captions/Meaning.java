package io.forkcast.captions;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Anti-repetition by meaning: the cosine of sentence embeddings ({@link MeaningModel}) of a caption's body
 * (hashtags left out) with the recent captions'. Vectors are stored with each generated caption; those a
 * caption does not have (posted captions, captions from before this measure, another model's) are computed
 * and kept in a small in-memory cache keyed by model and text. When the model cannot answer, {@link #compare}
 * returns {@code null} and the caption is judged on wording alone.
 */
final class Meaning {

    private final MeaningModel model;
    private final Cache<String, float[]> cache = Caffeine.newBuilder().maximumSize(20_000).build();

    Meaning(MeaningModel model) {
        this.model = model;
    }

    MeaningModel model() {
        return model;
    }

    boolean enabled() {
        return model != MeaningModel.NONE;
    }

    /** A text to compare with, and its stored vector when it has one of this model. */
    record Known(String body, String storedModel, byte[] storedVector) {
    }

    /** The candidate's vector and its cosine with each of {@code others}; {@code null} when the model cannot answer. */
    record Comparison(float[] candidate, double[] cosines) {
    }

    Comparison compare(String candidate, List<Known> others) {
        if (!enabled()) {
            return null;
        }
        try {
            List<float[]> vectors = new ArrayList<>(others.size());
            List<String> missing = new ArrayList<>();
            float[] own = cache.getIfPresent(key(candidate));
            if (own == null) {
                missing.add(candidate);
            }
            for (Known other : others) {
                float[] v = model.name().equals(other.storedModel()) && other.storedVector() != null
                        ? decode(other.storedVector()) : cache.getIfPresent(key(other.body()));
                vectors.add(v);
                if (v == null && !missing.contains(other.body())) {
                    missing.add(other.body());
                }
            }
            if (!missing.isEmpty()) {
                List<float[]> computed = model.embed(missing);
                Map<String, float[]> byText = new java.util.HashMap<>();
                for (int i = 0; i < missing.size(); i++) {
                    byText.put(missing.get(i), computed.get(i));
                    cache.put(key(missing.get(i)), computed.get(i));
                }
                if (own == null) {
                    own = byText.get(candidate);
                }
                for (int i = 0; i < vectors.size(); i++) {
                    if (vectors.get(i) == null) {
                        vectors.set(i, byText.get(others.get(i).body()));
                    }
                }
            }
            double[] cosines = new double[others.size()];
            for (int i = 0; i < cosines.length; i++) {
                cosines[i] = cosine(own, vectors.get(i));
            }
            return new Comparison(own, cosines);
        } catch (MeaningModel.MeaningUnavailable e) {
            return null;
        }
    }

    /** Cosine of two unit vectors; 0 when their lengths differ (another model's). */
    static double cosine(float[] a, float[] b) {
        if (a == null || b == null || a.length != b.length) {
            return 0;
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return Math.max(-1, Math.min(1, dot));
    }

    static float[] unit(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        float[] out = new float[vector.length];
        for (int i = 0; i < vector.length; i++) {
            out[i] = norm == 0 ? 0 : (float) (vector[i] / norm);
        }
        return out;
    }

    /** Little-endian IEEE 754 floats, four bytes each: what is stored per caption. */
    static byte[] encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(vector);
        return buffer.array();
    }

    static float[] decode(byte[] bytes) {
        float[] vector = new float[bytes.length / Float.BYTES];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
        return vector;
    }

    private String key(String text) {
        return model.name() + "\n" + text;
    }
}
