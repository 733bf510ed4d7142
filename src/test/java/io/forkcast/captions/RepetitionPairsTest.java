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

    record Pair(boolean paraphrase, String a, String b, double wording, double meaning) {
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
            pairs.add(new Pair(r[0].equals("paraphrase"), r[1], r[2], Similarity.cosine(r[1], r[2]),
                    Meaning.cosine(vectors.get(2 * i), vectors.get(2 * i + 1))));
        }
    }

    static Rates rates(double wording, double meaning) {
        int paraphrases = 0;
        int caught = 0;
        int different = 0;
        int flagged = 0;
        for (Pair p : pairs) {
            boolean close = p.wording() > wording || p.meaning() > meaning;
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
        assertThat(pairs).hasSizeGreaterThanOrEqualTo(150);
        assertThat(pairs.stream().filter(Pair::paraphrase).count()).isBetween(70L, 100L);
    }

    @Test
    void meaningCatchesParaphrasesWordingMisses() {
        Rates wordingAlone = rates(WORDING, 2);
        Rates both = rates(WORDING, MEANING);
        report("wording alone", wordingAlone);
        report("meaning alone", rates(2, MEANING));
        report("both", both);
        assertThat(both.recall()).isGreaterThan(wordingAlone.recall() + 0.3);
    }

    @Test
    void bothTogetherHoldTheFloors() {
        Rates both = rates(WORDING, MEANING);
        assertThat(both.recall()).as("recall of both measures").isGreaterThanOrEqualTo(RECALL_FLOOR);
        assertThat(both.falsePositives()).as("false positives of both").isLessThanOrEqualTo(FALSE_POSITIVE_CEILING);
    }

    /**
     * Measured on the set with the defaults: recall 84.5 %, false positives 10.0 %. The issue's target (90 % and
     * 5 %) is not reached by this model: no meaning threshold gives both (see the sweep in bench/README.md).
     */
    static final double RECALL_FLOOR = 0.84;
    static final double FALSE_POSITIVE_CEILING = 0.10;

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
        pairs.stream().filter(p -> p.paraphrase() && p.wording() <= WORDING && p.meaning() <= MEANING)
                .forEach(p -> System.out.printf(Locale.ROOT, "  missed (%.2f/%.2f): %s | %s%n", p.wording(),
                        p.meaning(), p.a(), p.b()));
        pairs.stream().filter(p -> !p.paraphrase() && (p.wording() > WORDING || p.meaning() > MEANING))
                .forEach(p -> System.out.printf(Locale.ROOT, "  false positive (%.2f/%.2f): %s | %s%n", p.wording(),
                        p.meaning(), p.a(), p.b()));
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
            meaning.compare("Our wood-fired margherita is back, round " + i, known);
        }
        long meaningCpu = threads.getCurrentThreadCpuTime() - start;
        long meaningWall = System.nanoTime() - wall;
        System.out.printf(Locale.ROOT, "CPU per check against 200 recent captions: wording %.2f ms, meaning %.2f ms "
                        + "(this thread; %.2f ms wall, the model may use more threads)%n", wording / 1e6 / rounds,
                meaningCpu / 1e6 / rounds, meaningWall / 1e6 / rounds);
    }

    private static void report(String name, Rates rates) {
        System.out.println("pairs " + pairs.size() + ", " + name + ": " + rates);
    }
}
