package io.forkcast.captions;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How close a caption is to another, the measure behind anti-repetition:
 * <ul>
 * <li><b>wording</b>: cosine similarity of TF-IDF vectors over character 3-grams of the caption without its
 * hashtags (lower-cased, accents and punctuation removed, spaces kept as word boundaries). IDF is smoothed,
 * {@code ln((1 + n) / (1 + df)) + 1} over the candidate and the captions it is compared with, so an exact copy
 * scores 1 and words every caption shares (the dish's name) weigh less than what is particular to one;</li>
 * <li><b>opening</b>: the first {@code n} words, compared exactly;</li>
 * <li><b>hashtags</b>: Jaccard overlap of the hashtag sets without the profile's signature hashtags (which
 * every caption carries on purpose), when both have at least three.</li>
 * </ul>
 */
final class Similarity {

    private static final int N = 3;

    private Similarity() {
    }

    /** Normalised text: lower case, no accents, letters and digits only, single spaces. */
    static String normalise(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** The first {@code words} words, normalised. */
    static String opening(String body, int words) {
        String[] all = normalise(body).split(" ");
        return String.join(" ", java.util.Arrays.copyOf(all, Math.min(words, all.length)));
    }

    static Map<String, Integer> grams(String text) {
        String padded = " " + normalise(text) + " ";
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i + N <= padded.length(); i++) {
            counts.merge(padded.substring(i, i + N), 1, Integer::sum);
        }
        return counts;
    }

    /**
     * The TF-IDF cosine of {@code candidate} with each of {@code others}, IDF computed over all of them.
     */
    static double[] cosines(String candidate, List<String> others) {
        Map<String, Integer> c = grams(candidate);
        List<Map<String, Integer>> docs = others.stream().map(Similarity::grams).toList();
        Map<String, Integer> df = new HashMap<>();
        c.keySet().forEach(g -> df.merge(g, 1, Integer::sum));
        docs.forEach(d -> d.keySet().forEach(g -> df.merge(g, 1, Integer::sum)));
        int n = docs.size() + 1;
        Map<String, Double> cv = weigh(c, df, n);
        double cNorm = norm(cv);
        double[] result = new double[docs.size()];
        for (int i = 0; i < docs.size(); i++) {
            Map<String, Double> dv = weigh(docs.get(i), df, n);
            double dot = 0;
            for (Map.Entry<String, Double> e : cv.entrySet()) {
                Double w = dv.get(e.getKey());
                if (w != null) {
                    dot += e.getValue() * w;
                }
            }
            double denominator = cNorm * norm(dv);
            result[i] = denominator == 0 ? 0 : dot / denominator;
        }
        return result;
    }

    static double cosine(String a, String b) {
        return cosines(a, List.of(b))[0];
    }

    static double hashtagOverlap(List<String> a, List<String> b, Set<String> signature) {
        Set<String> x = withoutSignature(a, signature);
        Set<String> y = withoutSignature(b, signature);
        if (x.size() < 3 || y.size() < 3) {
            return 0;
        }
        Set<String> both = new HashSet<>(x);
        both.retainAll(y);
        Set<String> either = new HashSet<>(x);
        either.addAll(y);
        return (double) both.size() / either.size();
    }

    private static Set<String> withoutSignature(List<String> tags, Set<String> signature) {
        Set<String> set = new HashSet<>();
        for (String tag : tags) {
            String t = tag.toLowerCase(Locale.ROOT);
            if (!signature.contains(t)) {
                set.add(t);
            }
        }
        return set;
    }

    private static Map<String, Double> weigh(Map<String, Integer> counts, Map<String, Integer> df, int n) {
        Map<String, Double> weights = new HashMap<>();
        counts.forEach((gram, tf) -> weights.put(gram, tf * (Math.log((1.0 + n) / (1.0 + df.get(gram))) + 1)));
        return weights;
    }

    private static double norm(Map<String, Double> v) {
        double sum = 0;
        for (double w : v.values()) {
            sum += w * w;
        }
        return Math.sqrt(sum);
    }
}
