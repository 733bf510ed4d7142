package io.forkcast.captions;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What captions know about a restaurant. A tenant that never set one reads as {@link #defaults()}: a friendly
 * voice, English, a little emoji, no hashtags of its own and no banned words.
 *
 * @param name the restaurant's name as it should appear in captions (the tenant's name when empty)
 * @param cuisine the kind of food ("Neapolitan pizza")
 * @param description a few sentences on the place, its story, what makes it different
 * @param city where it is, for local hashtags and phrasing
 * @param voice the tone used when a caption request names none
 * @param signatureHashtags hashtags added to every caption, without or with the leading {@code #}
 * @param bannedWords words that must never appear in a caption (checked on the output, case-insensitive)
 * @param defaultLanguage the language of captions when a request names none (a BCP 47 tag such as {@code en})
 * @param emojiLevel how many emoji captions carry
 * @param updatedAt when it was last saved, {@code null} for the defaults
 */
public record RestaurantProfile(
        @Size(max = 200) String name,
        @Size(max = 100) String cuisine,
        @Size(max = 2000) String description,
        @Size(max = 100) String city,
        Tone voice,
        @Size(max = 10) List<@NotBlank @Pattern(regexp = "#?[\\p{L}\\p{N}_]{1,60}",
                message = "must be a hashtag: letters, digits and underscores") String> signatureHashtags,
        @Size(max = 100) List<@NotBlank @Size(max = 60) String> bannedWords,
        @Pattern(regexp = LANGUAGE, message = "must be a language tag such as en, fr or pt-BR") String defaultLanguage,
        EmojiLevel emojiLevel,
        Instant updatedAt) {

    /** A language tag: ISO 639 language, optional region. */
    public static final String LANGUAGE = "[a-z]{2,3}(-[A-Za-z]{2,4})?";

    public RestaurantProfile {
        voice = voice == null ? Tone.FRIENDLY : voice;
        signatureHashtags = signatureHashtags == null ? List.of()
                : signatureHashtags.stream().map(tag -> tag.startsWith("#") ? tag : "#" + tag).distinct().toList();
        bannedWords = bannedWords == null ? List.of()
                : bannedWords.stream().map(String::strip).distinct().toList();
        defaultLanguage = defaultLanguage == null ? "en" : defaultLanguage;
        emojiLevel = emojiLevel == null ? EmojiLevel.LOW : emojiLevel;
    }

    /** The members that differ from {@code before}, by their wire names, for the audit trail. */
    String changedFrom(RestaurantProfile before) {
        Map<String, Boolean> same = new LinkedHashMap<>();
        same.put("name", Objects.equals(name, before.name()));
        same.put("cuisine", Objects.equals(cuisine, before.cuisine()));
        same.put("description", Objects.equals(description, before.description()));
        same.put("city", Objects.equals(city, before.city()));
        same.put("voice", voice == before.voice());
        same.put("signature_hashtags", signatureHashtags.equals(before.signatureHashtags()));
        same.put("banned_words", bannedWords.equals(before.bannedWords()));
        same.put("default_language", defaultLanguage.equals(before.defaultLanguage()));
        same.put("emoji_level", emojiLevel == before.emojiLevel());
        List<String> changed = same.entrySet().stream().filter(e -> !e.getValue()).map(Map.Entry::getKey).toList();
        return changed.isEmpty() ? "saved unchanged" : String.join(", ", changed);
    }

    /** The profile of a tenant that has not written one. */
    public static RestaurantProfile defaults() {
        return new RestaurantProfile(null, null, null, null, null, null, null, null, null, null);
    }
}
