package io.forkcast.captions;

import java.text.Normalizer;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Whether two captions say the same thing: a small logistic model over the meaning cosine and a few signs a
 * sentence model weighs poorly. "Our margherita is back" and "our margherita is sold out" sit close in meaning
 * space, but one says no where the other does not, and "9 euros" against "12 euros" is other news. The weights
 * were fitted on the labelled pairs in the test resources ({@code captions/meaning-pairs.tsv}) by k-fold
 * cross-validation (docs/captions.md tells how); they belong to the model named by {@link #MODEL}, whose cosines
 * they were fitted on.
 */
final class SameIdea {

    /** The meaning model the weights were fitted for. */
    static final String MODEL = LocalMeaningModel.NAME;

    /** The signs a pair is judged on; each in 0..1. */
    record Features(double meaning, double wording, double sharedWords, double numbersDiffer, double oneSaysNo) {

        double[] values() {
            return new double[] {meaning, wording, sharedWords, numbersDiffer, oneSaysNo};
        }
    }

    /** Fitted on every committed pair: the bias, then one weight per feature in the order of {@link Features}. */
    static final double[] WEIGHTS = {-5.743, 7.202, -0.366, 3.603, -1.402, -1.927};

    /**
     * The probability above which a pair says the same thing: chosen with the weights, the highest recall that keeps
     * false positives at or under 12 % on the pairs it was fitted on (held-out figures in docs/captions.md).
     */
    static final double CUT = 0.51;

    private static final Set<String> NO_WORDS = Set.of("no", "not", "sorry", "closed", "closing", "close", "sold",
            "cancelled", "canceled", "gone", "over", "stopped", "stop", "leaving", "leave", "expire", "expires",
            "down", "unavailable", "without", "isn't", "aren't", "won't", "don't", "can't", "nothing");

    private static final Set<String> NUMBER_WORDS = Set.of("one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "fifteen", "twenty", "thirty", "fifty", "hundred", "half");

    private static final String[] NUMBERS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
            "nine", "ten", "eleven", "twelve"};

    private static final Set<String> STOP_WORDS = Set.of("the", "and", "our", "for", "with", "you", "your", "are",
            "is", "a", "an", "of", "to", "in", "on", "at", "it", "its", "we", "we're", "us", "this", "that", "from",
            "by", "be", "all", "now", "just", "every", "each", "here", "so", "or", "as", "up", "get", "new", "try",
            "come", "good", "news", "today", "them", "they", "has", "have", "into", "out", "some", "any");

    private SameIdea() {
    }

    /**
     * Whether a pair with this meaning cosine could be judged the same idea at all, whatever its other features
     * (each in 0..1): lets a check skip the wording and word measures for the recent captions far off in meaning.
     */
    static boolean couldBeSame(double meaning) {
        double highest = WEIGHTS[0] + WEIGHTS[1] * Math.max(0, meaning);
        for (int i = 2; i < WEIGHTS.length; i++) {
            highest += Math.max(0, WEIGHTS[i]);
        }
        return 1 / (1 + Math.exp(-highest)) > CUT;
    }

    /** The probability that {@code a} and {@code b} say the same thing, given their meaning and wording cosines. */
    static double probability(String a, String b, double meaning, double wording) {
        return probability(features(a, b, meaning, wording));
    }

    static double probability(Features features) {
        return probability(features, WEIGHTS);
    }

    static double probability(Features features, double[] weights) {
        double[] x = features.values();
        double z = weights[0];
        for (int i = 0; i < x.length; i++) {
            z += weights[i + 1] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }

    static Features features(String a, String b, double meaning, double wording) {
        Set<String> wordsA = words(a);
        Set<String> wordsB = words(b);
        Set<String> numbersA = numbers(wordsA);
        Set<String> numbersB = numbers(wordsB);
        boolean numbersDiffer = !numbersA.isEmpty() && !numbersB.isEmpty() && !numbersA.equals(numbersB);
        boolean oneSaysNo = saysNo(wordsA) != saysNo(wordsB);
        return new Features(Math.max(0, meaning), Math.max(0, wording),
                sharedShare(content(wordsA), content(wordsB)), numbersDiffer ? 1 : 0, oneSaysNo ? 1 : 0);
    }

    /** The content words of a text (stop words, "no" words and numbers left out), crudely stemmed. */
    static Set<String> contentWords(String text) {
        return content(words(text));
    }

    /** The share of two sets of content words they have in common (Jaccard): the shared-words feature. */
    static double sharedShare(Set<String> a, Set<String> b) {
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        if (union.isEmpty()) {
            return 0;
        }
        Set<String> shared = new HashSet<>(a);
        shared.retainAll(b);
        return (double) shared.size() / union.size();
    }

    private static Set<String> words(String text) {
        String plain = Normalizer.normalize(text.toLowerCase(Locale.ROOT), Normalizer.Form.NFKC)
                .replace('\u2019', '\'');
        Set<String> words = new HashSet<>();
        for (String word : plain.split("[^\\p{L}\\p{N}']+")) {
            String trimmed = word.replaceAll("^'+|'+$", "");
            if (!trimmed.isEmpty()) {
                words.add(trimmed);
            }
        }
        return words;
    }

    private static Set<String> content(Set<String> words) {
        Set<String> content = new HashSet<>();
        for (String word : words) {
            if (word.length() >= 3 && !STOP_WORDS.contains(word) && !NO_WORDS.contains(word)
                    && !NUMBER_WORDS.contains(word) && !word.chars().allMatch(Character::isDigit)) {
                content.add(stem(word));
            }
        }
        return content;
    }

    /** A crude English stem, enough to match "tomato"/"tomatoes" and "bake"/"baked". */
    private static String stem(String word) {
        String w = word.endsWith("'s") ? word.substring(0, word.length() - 2) : word;
        for (String suffix : new String[] {"ing", "ed", "es", "s", "e"}) {
            if (w.length() > suffix.length() + 3 && w.endsWith(suffix)) {
                return w.substring(0, w.length() - suffix.length());
            }
        }
        return w;
    }

    private static Set<String> numbers(Set<String> words) {
        Set<String> numbers = new HashSet<>();
        for (String word : words) {
            String digits = word.replaceAll("\\D", "");
            if (!digits.isEmpty() && digits.length() == word.replaceAll("(st|nd|rd|th|pm|am|km|h)$", "").length()) {
                numbers.add(String.valueOf(Long.parseLong(digits.length() > 12 ? digits.substring(0, 12) : digits)));
            } else {
                for (int i = 0; i < NUMBERS.length; i++) {
                    if (NUMBERS[i].equals(word)) {
                        numbers.add(String.valueOf(i));
                    }
                }
            }
        }
        return numbers;
    }

    private static boolean saysNo(Set<String> words) {
        for (String word : words) {
            if (NO_WORDS.contains(word) || word.endsWith("n't")) {
                return true;
            }
        }
        return false;
    }
}
