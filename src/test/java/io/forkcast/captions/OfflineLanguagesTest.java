package io.forkcast.captions;

import io.forkcast.shared.Platform;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The offline writer in its five languages, against rules an owner would state: no word doubled, no fragment of an
 * empty slot, hashtags of real words in a fixed form, banned words absent, the language it says it wrote. The
 * committed sample ({@code docs/captions-sample.md}: 10 menu items x 4 tones x 5 languages, a fixed seed) must be
 * what the writer writes now; {@code -Dforkcast.docs.write=true} rewrites it.
 */
class OfflineLanguagesTest {

    private static final Path SAMPLE = Path.of("docs/captions-sample.md");
    private static final List<Tone> TONES = List.of(Tone.FRIENDLY, Tone.UPSCALE, Tone.PLAYFUL, Tone.CASUAL);
    private static final Map<String, RestaurantProfile> PROFILES = Map.of(
            "en", profile("Italian", "Bristol", "en", List.of("cheap", "greasy")),
            "fr", profile("Cuisine italienne", "Lyon", "fr", List.of("pas cher", "gras")),
            "es", profile("Cocina italiana", "Valencia", "es", List.of("barato", "grasiento")),
            "it", profile("Cucina italiana", "Bologna", "it", List.of("economico", "unto")),
            "de", profile("Italienische Küche", "Hamburg", "de", List.of("billig", "fettig")));
    private static final Pattern HASHTAG = Pattern.compile("#[\\p{L}\\p{N}_]+");
    private static final Pattern TAG_FORM = Pattern.compile("#[\\p{Lu}\\p{Ll}\\p{N}]{2,30}");
    /** Leftovers of a slot that was empty or not filled. */
    private static final Pattern FRAGMENT = Pattern.compile("\\{|}|\\bnull\\b|\\s[,.;]|,,|(?<!\\.)\\.\\.(?!\\.)|  |\\(\\s*\\)"
            + "|[:,]\\s*[.!?]|^\\s*[.,]|(?m)^[\\p{Ll}]");

    record Item(String language, ItemDetails details) {
    }

    @Test
    void everyLanguageKeepsTheRulesOverManyCaptions() throws IOException {
        List<Item> items = items();
        List<String> problems = new ArrayList<>();
        Random random = new Random(7);
        for (Item item : items) {
            for (Tone tone : Tone.values()) {
                for (Platform platform : List.of(Platform.INSTAGRAM, Platform.FACEBOOK)) {
                    for (int i = 0; i < 4; i++) {
                        String text = write(item, tone, platform, random);
                        problems.addAll(problems(item.language(), text, PROFILES.get(item.language()).bannedWords()));
                    }
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void writesTheLanguageItWasAskedForAndEnglishForOthers() {
        ItemDetails item = new ItemDetails("Margherita", "Tomato, mozzarella and basil", null, null, null, null);
        for (String language : List.of("en", "fr", "es", "it", "de")) {
            assertThat(written(item, language).language()).isEqualTo(language);
        }
        assertThat(written(item, "fr-CA").language()).isEqualTo("fr");
        assertThat(written(item, "pt-BR").language()).isEqualTo("en");
    }

    @Test
    void hashtagsAreRealWordsNeverFused() {
        assertThat(OfflineCaptionWriter.hashtag("Neapolitan pizza", 3)).isEqualTo("#NeapolitanPizza");
        assertThat(OfflineCaptionWriter.hashtag("Pizza pizza", 3)).isEqualTo("#Pizza");
        assertThat(OfflineCaptionWriter.hashtag("Pâte à la crème brûlée maison", 3)).isNull();
        assertThat(OfflineCaptionWriter.hashtag("Velouté de potiron", 3)).isEqualTo("#VeloutéDePotiron");
        assertThat(OfflineCaptionWriter.hashtag("Italienische Küche", 2)).isEqualTo("#ItalienischeKüche");
        RestaurantProfile profile = profile("Neapolitan pizza", "Naples", "en", List.of());
        for (int i = 0; i < 50; i++) {
            CaptionBrief brief = brief(new ItemDetails("Neapolitan pizza", "Dough, tomato", null, null,
                    List.of("vegan"), null), profile, Tone.FRIENDLY, Platform.INSTAGRAM, "en");
            List<String> tags = tags(new OfflineCaptionWriter().write(brief, new Random(i)).text());
            assertThat(tags).doesNotHaveDuplicates();
            for (String a : tags) {
                for (String b : tags) {
                    if (!a.equals(b)) {
                        assertThat(b.toLowerCase(Locale.ROOT)).doesNotContain(a.substring(1).toLowerCase(Locale.ROOT));
                    }
                }
            }
        }
    }

    @Test
    void theCommittedSampleIsWhatTheWriterWrites() throws IOException {
        String sample = sample();
        if (Boolean.getBoolean("forkcast.docs.write")) {
            Files.writeString(SAMPLE, sample);
        }
        assertThat(Files.readString(SAMPLE)).as("docs/captions-sample.md is stale: run this test with "
                + "-Dforkcast.docs.write=true").isEqualTo(sample);
        Matcher captions = Pattern.compile("(?s)```text\\n(.*?)\\n```").matcher(sample);
        int count = 0;
        while (captions.find()) {
            count++;
        }
        assertThat(count).isEqualTo(10 * 4 * 5);
    }

    /** What breaks a stated rule in one caption. */
    static List<String> problems(String language, String text, List<String> banned) {
        List<String> problems = new ArrayList<>();
        String body = HASHTAG.matcher(text).replaceAll(" ");
        String[] words = Arrays.stream(body.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}']+"))
                .filter(w -> !w.isEmpty()).toArray(String[]::new);
        for (int i = 1; i < words.length; i++) {
            if (words[i].equals(words[i - 1])) {
                problems.add(language + ": doubled word '" + words[i] + "' in: " + text);
            }
        }
        Matcher fragment = FRAGMENT.matcher(body.replaceAll("[ \\t]+\\n", "\n").replaceAll("(?m)^[ \\t]+", ""));
        if (fragment.find()) {
            problems.add(language + ": fragment '" + fragment.group() + "' in: " + text);
        }
        List<String> tags = tags(text);
        for (String tag : tags) {
            if (!TAG_FORM.matcher(tag).matches()) {
                problems.add(language + ": hashtag form " + tag);
            }
            for (String other : tags) {
                if (!tag.equals(other) && other.toLowerCase(Locale.ROOT).contains(tag.substring(1).toLowerCase(Locale.ROOT))) {
                    problems.add(language + ": hashtag " + tag + " fused into " + other);
                }
            }
        }
        if (tags.size() != tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).distinct().count()) {
            problems.add(language + ": a hashtag twice in: " + text);
        }
        for (String word : banned) {
            if (Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])").matcher(text).find()) {
                problems.add(language + ": banned word '" + word + "' in: " + text);
            }
        }
        return problems;
    }

    private static String sample() throws IOException {
        StringBuilder out = new StringBuilder("""
                # Captions by the offline writer: a sample

                Generated by `OfflineLanguagesTest` (fixed seed; `-Dforkcast.docs.write=true` rewrites it): 10 menu
                items x 4 tones x 5 languages, Instagram, a restaurant in each language with a little emoji and two
                banned words, as the captions module returns them (banned words and platform limits applied). The
                test checks every caption here and many more against the rules in [captions.md](captions.md#languages).
                """);
        Random random = new Random(2026);
        for (String language : List.of("en", "fr", "es", "it", "de")) {
            out.append("\n## ").append(language).append("\n");
            for (Item item : items().stream().filter(i -> i.language().equals(language)).toList()) {
                out.append("\n### ").append(item.details().name()).append("\n");
                for (Tone tone : TONES) {
                    out.append("\n").append(tone.wireName()).append(":\n\n```text\n")
                            .append(write(item, tone, Platform.INSTAGRAM, random)).append("\n```\n");
                }
            }
        }
        return out.toString();
    }

    private static String write(Item item, Tone tone, Platform platform, Random random) {
        RestaurantProfile profile = PROFILES.get(item.language());
        CaptionBrief brief = brief(item.details(), profile, tone, platform, item.language());
        CaptionWriter.WrittenCaption written = new OfflineCaptionWriter().write(brief, random);
        assertThat(written.language()).isEqualTo(item.language());
        return CaptionRules.enforce(written.text(), platform, profile.bannedWords()).text();
    }

    private static CaptionWriter.WrittenCaption written(ItemDetails item, String language) {
        return new OfflineCaptionWriter().write(brief(item, PROFILES.get("en"), Tone.FRIENDLY, Platform.INSTAGRAM,
                language), new Random(1));
    }

    private static CaptionBrief brief(ItemDetails item, RestaurantProfile profile, Tone tone, Platform platform,
            String language) {
        return new CaptionBrief("Trattoria Sole", profile, item, platform, tone, language, null, null, List.of(),
                List.of(), 0, new CaptionBrief.Prompt("", ""));
    }

    private static RestaurantProfile profile(String cuisine, String city, String language, List<String> banned) {
        return new RestaurantProfile("Trattoria Sole", cuisine, null, city, Tone.FRIENDLY, List.of("#TrattoriaSole"),
                banned, language, EmojiLevel.LOW, null);
    }

    private static List<String> tags(String text) {
        List<String> tags = new ArrayList<>();
        Matcher m = HASHTAG.matcher(text);
        while (m.find()) {
            tags.add(m.group());
        }
        return tags;
    }

    static List<Item> items() throws IOException {
        List<Item> items = new ArrayList<>();
        try (InputStream in = OfflineLanguagesTest.class.getResourceAsStream("/captions/sample-items.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                items.add(new Item(f[0], new ItemDetails(f[1], f[2].isEmpty() ? null : f[2],
                        f[3].isEmpty() ? null : new BigDecimal(f[3]), f[3].isEmpty() ? null : "EUR",
                        f[4].isEmpty() ? List.of() : List.of(f[4].split(",")), Boolean.parseBoolean(f[5]))));
            }
        }
        return items;
    }
}
