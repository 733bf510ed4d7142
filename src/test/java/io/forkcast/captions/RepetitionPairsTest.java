package io.forkcast.captions;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The anti-repetition measures on the labelled pairs in {@code captions/meaning-pairs.tsv}: a paraphrase pair
 * should be caught (recall), a pair of different ideas sharing words should not (false positives). Holds the floors
 * at the configured thresholds; with {@code -Dforkcast.bench=true} (bench/captions.sh) it also prints the figures,
 * a threshold sweep and the CPU time per check.
 */
class RepetitionPairsTest {

    /** The defaults of forkcast.captions.similarity-threshold and forkcast.captions.meaning.threshold. */
    static final double WORDING = 0.5;
    static final double MEANING = 0.725;

    record Pair(boolean paraphrase, String a, String b, double wording, double meaning, SameIdea.Features features) {

        double sameIdea(double[] weights) {
            return SameIdea.probability(features, weights);
        }
    }

    record Rates(double recall, double falsePositives) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "recall %.1f %%, false positives %.1f %%", recall * 100,
                    falsePositives * 100);
        }
    }

    private static List<Pair> pairs;
    private static String loadFigures;

    /** The process's resident set (VmRSS), in kB; 0 where /proc is not there. */
    private static long rssKb() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    @BeforeAll
    static void measure() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = RepetitionPairsTest.class.getResourceAsStream("/captions/meaning-pairs.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    rows.add(line.split("\t"));
                }
            }
        }
        long rssBefore = rssKb();
        long started = System.nanoTime();
        LocalMeaningModel model = new LocalMeaningModel(Duration.ofMinutes(2));
        model.embed(List.of("warm up"));
        loadFigures = String.format(Locale.ROOT, "model loaded and first sentence embedded in %d ms; resident memory "
                + "%+d MB (%d MB -> %d MB)", (System.nanoTime() - started) / 1_000_000, (rssKb() - rssBefore) / 1024,
                rssBefore / 1024, rssKb() / 1024);
        List<String> texts = new ArrayList<>();
        rows.forEach(r -> {
            texts.add(r[1]);
            texts.add(r[2]);
        });
        List<float[]> vectors = model.embed(texts);
        pairs = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            double wording = Similarity.cosine(r[1], r[2]);
            double meaning = Meaning.cosine(vectors.get(2 * i), vectors.get(2 * i + 1));
            pairs.add(new Pair(r[0].equals("paraphrase"), r[1], r[2], wording, meaning,
                    SameIdea.features(r[1], r[2], meaning, wording)));
        }
    }

    /** Both measures with a cosine threshold for meaning ("either too close"). */
    static Rates rates(double wording, double meaning) {
        return rates(pairs, p -> p.wording() > wording || p.meaning() > meaning);
    }

    /** Both measures with the learned decision for meaning ({@link SameIdea}), the default. */
    static Rates learned(List<Pair> set, double[] weights, double cut, boolean withWording) {
        return rates(set, p -> (withWording && p.wording() > WORDING) || p.sameIdea(weights) > cut);
    }

    static Rates rates(List<Pair> set, java.util.function.Predicate<Pair> tooClose) {
        int paraphrases = 0;
        int caught = 0;
        int different = 0;
        int flagged = 0;
        for (Pair p : set) {
            boolean close = tooClose.test(p);
            if (p.paraphrase()) {
                paraphrases++;
                caught += close ? 1 : 0;
            } else {
                different++;
                flagged += close ? 1 : 0;
            }
        }
        return new Rates((double) caught / paraphrases, (double) flagged / different);
    }

    @Test
    void theSetIsLargeEnoughAndBalanced() {
        assertThat(pairs).hasSizeGreaterThanOrEqualTo(214);
        assertThat((double) pairs.stream().filter(Pair::paraphrase).count() / pairs.size()).isBetween(0.4, 0.6);
    }

    @Test
    void meaningCatchesParaphrasesWordingMisses() {
        Rates wordingAlone = rates(WORDING, 2);
        Rates both = learned(pairs, SameIdea.WEIGHTS, SameIdea.CUT, true);
        report("wording alone", wordingAlone);
        report("meaning alone (cosine > " + MEANING + ")", rates(2, MEANING));
        report("both (cosine > " + MEANING + ")", rates(WORDING, MEANING));
        report("meaning alone (learned)", learned(pairs, SameIdea.WEIGHTS, SameIdea.CUT, false));
        report("both (learned, the default)", both);
        assertThat(both.recall()).isGreaterThan(wordingAlone.recall() + 0.3);
    }

    /** The committed weights are what fitting on the committed pairs gives: they were not tuned by hand. */
    @Test
    void theCommittedWeightsAreTheFitOnTheCommittedPairs() {
        double[] fitted = fit(pairs);
        for (int i = 0; i < fitted.length; i++) {
            assertThat(SameIdea.WEIGHTS[i]).as("weight " + i).isCloseTo(fitted[i], within(0.05));
        }
        assertThat(chooseCut(pairs, fitted)).isCloseTo(SameIdea.CUT, within(0.015));
    }

    /**
     * Held out: weights and cut fitted on nine tenths of the pairs, judged on the tenth left out, ten times, over five
     * shuffles. These are the figures that say how the decision does on captions it has not seen.
     */
    @Test
    void bothTogetherHoldTheFloorsOnHeldOutPairs() {
        Rates heldOut = crossValidated();
        System.out.println("pairs " + pairs.size() + ", held out (10-fold x 5), both (learned): " + heldOut);
        assertThat(heldOut.recall()).as("held-out recall of both measures").isGreaterThanOrEqualTo(RECALL_FLOOR);
        assertThat(heldOut.falsePositives()).as("held-out false positives of both")
                .isLessThanOrEqualTo(FALSE_POSITIVE_CEILING);
        Rates committed = learned(pairs, SameIdea.WEIGHTS, SameIdea.CUT, true);
        assertThat(committed.recall()).isGreaterThanOrEqualTo(RECALL_FLOOR);
        assertThat(committed.falsePositives()).isLessThanOrEqualTo(FALSE_POSITIVE_CEILING);
    }

    /**
     * Measured held out on the 218 pairs with the learned decision: recall 85.5 %, false positives 12.1 % (the cosine
     * alone at 0.725 gives 82.1 % / 13.4 % on the same set). The issue's target (90 % and 5 %) is not reached.
     */
    static final double RECALL_FLOOR = 0.85;
    static final double FALSE_POSITIVE_CEILING = 0.14;

    /** The false-positive rate the cut is chosen for on the pairs the weights are fitted on. */
    static final double FIT_FALSE_POSITIVES = 0.12;

    static Rates crossValidated() {
        int folds = 10;
        int shuffles = 5;
        double recall = 0;
        double falsePositives = 0;
        java.util.Random random = new java.util.Random(21);
        for (int s = 0; s < shuffles; s++) {
            List<Pair> shuffled = new ArrayList<>(pairs);
            java.util.Collections.shuffle(shuffled, random);
            List<Boolean> decided = new ArrayList<>();
            List<Pair> judged = new ArrayList<>();
            for (int k = 0; k < folds; k++) {
                List<Pair> train = new ArrayList<>();
                List<Pair> test = new ArrayList<>();
                for (int i = 0; i < shuffled.size(); i++) {
                    (i % folds == k ? test : train).add(shuffled.get(i));
                }
                double[] weights = fit(train);
                double cut = chooseCut(train, weights);
                judged.addAll(test);
                test.forEach(p -> decided.add(p.wording() > WORDING || p.sameIdea(weights) > cut));
            }
            Rates r = rates(judged, p -> decided.get(judged.indexOf(p)));
            recall += r.recall() / shuffles;
            falsePositives += r.falsePositives() / shuffles;
        }
        return new Rates(recall, falsePositives);
    }

    /** Logistic regression by gradient descent, lightly regularised (the bias is not). */
    static double[] fit(List<Pair> set) {
        int features = set.getFirst().features().values().length;
        double[] w = new double[features + 1];
        double l2 = 0.001;
        double rate = 2.0;
        for (int iteration = 0; iteration < 20_000; iteration++) {
            double[] gradient = new double[w.length];
            for (Pair p : set) {
                double[] x = p.features().values();
                double error = SameIdea.probability(p.features(), w) - (p.paraphrase() ? 1 : 0);
                gradient[0] += error;
                for (int i = 0; i < x.length; i++) {
                    gradient[i + 1] += error * x[i];
                }
            }
            for (int i = 0; i < w.length; i++) {
                w[i] -= rate * (gradient[i] / set.size() + (i == 0 ? 0 : l2 * w[i]));
            }
        }
        return w;
    }

    /** The cut with the highest recall (both measures) whose false positives stay within FIT_FALSE_POSITIVES. */
    static double chooseCut(List<Pair> set, double[] weights) {
        double best = 0.5;
        double bestRecall = -1;
        for (int step = 5; step <= 95; step++) {
            double cut = step / 100.0;
            Rates r = learned(set, weights, cut, true);
            if (r.falsePositives() <= FIT_FALSE_POSITIVES + 1e-9 && r.recall() > bestRecall + 1e-12) {
                best = cut;
                bestRecall = r.recall();
            }
        }
        return best;
    }

    @Test
    void sweepAndCpuTime() {
        if (!Boolean.getBoolean("forkcast.bench")) {
            return;
        }
        System.out.println(loadFigures);
        System.out.println("threshold sweep (wording 0.5 fixed; meaning threshold: recall / false positives):");
        for (double t = 0.50; t <= 0.951; t += 0.025) {
            System.out.printf(Locale.ROOT, "  meaning > %.3f: both %s; meaning alone %s%n", t, rates(WORDING, t),
                    rates(2, t));
        }
        java.util.function.Predicate<Pair> tooClose = p -> p.wording() > WORDING
                || p.sameIdea(SameIdea.WEIGHTS) > SameIdea.CUT;
        System.out.println("pairs the learned decision gets wrong (wording / meaning cosine / same-idea probability):");
        pairs.stream().filter(p -> p.paraphrase() && !tooClose.test(p))
                .forEach(p -> System.out.printf(Locale.ROOT, "  missed (%.2f/%.2f/%.2f): %s | %s%n", p.wording(),
                        p.meaning(), p.sameIdea(SameIdea.WEIGHTS), p.a(), p.b()));
        pairs.stream().filter(p -> !p.paraphrase() && tooClose.test(p))
                .forEach(p -> System.out.printf(Locale.ROOT, "  false positive (%.2f/%.2f/%.2f): %s | %s%n",
                        p.wording(), p.meaning(), p.sameIdea(SameIdea.WEIGHTS), p.a(), p.b()));
        String dump = System.getProperty("forkcast.bench.pairs");
        if (dump != null) {
            try {
                java.nio.file.Files.write(java.nio.file.Path.of(dump), pairs.stream().map(p -> String.format(
                        Locale.ROOT, "%s\t%.4f\t%.4f", p.paraphrase() ? "paraphrase" : "different", p.wording(),
                        p.meaning())).toList());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        cpuPerCheck();
    }

    private static void cpuPerCheck() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<String> recent = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Pair p = pairs.get(i % pairs.size());
            recent.add((i % 2 == 0 ? p.a() : p.b()) + " " + i);
        }
        Meaning meaning = new Meaning(new LocalMeaningModel(Duration.ofMinutes(2)));
        List<Meaning.Known> known = new ArrayList<>();
        List<float[]> vectors = meaning.model().embed(recent);
        for (int i = 0; i < recent.size(); i++) {
            known.add(new Meaning.Known(recent.get(i), LocalMeaningModel.NAME, Meaning.encode(vectors.get(i))));
        }
        int rounds = 50;
        long start = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < rounds; i++) {
            Similarity.cosines("Our wood-fired margherita is back, round " + i, recent);
        }
        long wording = threads.getCurrentThreadCpuTime() - start;
        start = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            String candidate = "Our wood-fired margherita is back, round " + i;
            double[] cosines = meaning.compare(candidate, known).cosines();
            for (int j = 0; j < cosines.length; j++) {
                if (SameIdea.couldBeSame(cosines[j])) {
                    SameIdea.probability(candidate, recent.get(j), cosines[j], Similarity.cosine(candidate, recent.get(j)));
                }
            }
        }
        long meaningCpu = threads.getCurrentThreadCpuTime() - start;
        long meaningWall = System.nanoTime() - wall;
        System.out.printf(Locale.ROOT, "CPU per check against 200 recent captions: wording %.2f ms, meaning %.2f ms "
                        + "(learned decision included; this thread; %.2f ms wall, the model may use more threads)%n", wording / 1e6 / rounds,
                meaningCpu / 1e6 / rounds, meaningWall / 1e6 / rounds);
    }

    private static void report(String name, Rates rates) {
        System.out.println("pairs " + pairs.size() + ", " + name + ": " + rates);
    }
}
