package io.forkcast.captions;

import io.forkcast.shared.Platform;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules every caption leaves with, whatever its writer was told or did: no banned word (a sentence or
 * hashtag holding one is dropped, and any leftover occurrence removed), at most the platform's hashtags and
 * mentions (the first ones kept, duplicates dropped), and at most its characters (cut at a sentence, else a
 * word, keeping the hashtag block).
 */
final class CaptionRules {

    static final Pattern HASHTAG = Platform.HASHTAG;
    static final Pattern MENTION = Platform.MENTION;
    private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?…])\\s+");

    /** A caption after the rules, with what a client needs to see about it. */
    record Checked(String text, List<String> hashtags, int mentions, int characters, Platform platform) {

        boolean withinLimits() {
            return characters <= platform.maxCharacters() && hashtags.size() <= platform.maxHashtags()
                    && mentions <= platform.maxMentions();
        }

        /** The caption without its hashtags, for comparing wording. */
        String body() {
            return HASHTAG.matcher(text).replaceAll(" ").replaceAll("\\s+", " ").strip();
        }
    }

    private CaptionRules() {
    }

    static Checked enforce(String raw, Platform platform, List<String> bannedWords) {
        String text = normaliseWhitespace(raw == null ? "" : raw.replace("\r", ""));
        text = withoutBannedWords(text, bannedWords);
        text = limitTokens(text, HASHTAG, platform.maxHashtags(), true);
        text = limitTokens(text, MENTION, platform.maxMentions(), false);
        text = limitLength(normaliseWhitespace(text), platform.maxCharacters());
        List<String> hashtags = tokens(text, HASHTAG);
        return new Checked(text, hashtags, tokens(text, MENTION).size(), length(text), platform);
    }

    static int length(String text) {
        return text.codePointCount(0, text.length());
    }

    static List<String> tokens(String text, Pattern pattern) {
        List<String> found = new ArrayList<>();
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }

    private static String withoutBannedWords(String text, List<String> bannedWords) {
        if (bannedWords.isEmpty()) {
            return text;
        }
        List<Pattern> banned = bannedWords.stream()
                .map(word -> Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])" + Pattern.quote(word) + "(?![\\p{L}\\p{N}])"))
                .toList();
        List<Pattern> bannedInTags = bannedWords.stream()
                .map(word -> Pattern.compile("(?iu)#[\\p{L}\\p{N}_]*" + Pattern.quote(word.replace(" ", ""))
                        + "[\\p{L}\\p{N}_]*"))
                .toList();
        StringBuilder kept = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            for (Pattern tag : bannedInTags) {
                line = tag.matcher(line).replaceAll("");
            }
            List<String> sentences = new ArrayList<>();
            for (String sentence : SENTENCE_END.split(line)) {
                if (banned.stream().noneMatch(p -> p.matcher(sentence).find())) {
                    sentences.add(sentence);
                }
            }
            kept.append(String.join(" ", sentences)).append('\n');
        }
        String result = kept.toString();
        for (Pattern word : banned) {
            result = word.matcher(result).replaceAll("");
        }
        return normaliseWhitespace(result);
    }

    private static String limitTokens(String text, Pattern pattern, int max, boolean dropDuplicates) {
        Matcher matcher = pattern.matcher(text);
        Set<String> seen = new LinkedHashSet<>();
        StringBuilder out = new StringBuilder();
        while (matcher.find()) {
            String token = matcher.group();
            boolean keep = seen.size() < max && !(dropDuplicates && seen.contains(token.toLowerCase(Locale.ROOT)));
            if (keep) {
                seen.add(token.toLowerCase(Locale.ROOT));
            }
            matcher.appendReplacement(out, keep ? Matcher.quoteReplacement(token) : "");
        }
        matcher.appendTail(out);
        return out.toString();
    }

    private static String limitLength(String text, int max) {
        if (length(text) <= max) {
            return text;
        }
        // Keep a trailing hashtag block whole if it fits; cut the words before it.
        Matcher trailing = Pattern.compile("(\\s*(#[\\p{L}\\p{N}_]+\\s*)+)$").matcher(text);
        String tags = trailing.find() ? trailing.group().strip() : "";
        String body = tags.isEmpty() ? text : text.substring(0, trailing.start()).strip();
        int room = max - (tags.isEmpty() ? 0 : length(tags) + 2);
        if (room < 1) {
            tags = "";
            room = max;
        }
        String cut = cut(body, room);
        return tags.isEmpty() ? cut : cut + "\n\n" + tags;
    }

    private static String cut(String body, int room) {
        if (length(body) <= room) {
            return body;
        }
        String prefix = body.substring(0, body.offsetByCodePoints(0, room));
        Matcher sentenceEnds = Pattern.compile("[.!?…](?=\\s|$)").matcher(prefix);
        int lastSentence = -1;
        while (sentenceEnds.find()) {
            lastSentence = sentenceEnds.end();
        }
        if (lastSentence > room / 2) {
            return prefix.substring(0, lastSentence).strip();
        }
        int lastSpace = prefix.lastIndexOf(' ');
        String words = lastSpace > 0 ? prefix.substring(0, lastSpace) : prefix;
        return length(words) + 1 <= room ? words.strip() + "…" : words.strip();
    }

    private static String normaliseWhitespace(String text) {
        return text.replaceAll("[ \\t]+", " ")
                .replaceAll(" *\n *", "\n")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }
}
