package io.forkcast.captions;

import io.forkcast.shared.Platform;
import java.util.List;

/**
 * Everything a writer needs for one caption: the restaurant, the item, tone, platform and language, the
 * tenant's recent captions (to differ from), captions an earlier attempt came too close to, and the rendered
 * prompt for writers that send one.
 *
 * @param restaurantName the profile's name, else the tenant's
 * @param recent recent captions, newest first (bounded)
 * @param tooClose captions earlier attempts of this caption were too similar to, to be named in the prompt
 * @param attempt 0 for the first try, then 1..K for regenerations
 * @param intent what the post asks of its readers, for the call to action
 * @param timing when the caption goes out against the opening hours, and the time words it must not use
 * @param imageUrls signed URLs of the chosen photos' Instagram-ready copies, for a vision model (empty otherwise)
 */
record CaptionBrief(
        String restaurantName,
        RestaurantProfile profile,
        ItemDetails item,
        Platform platform,
        Tone tone,
        String language,
        String occasion,
        String callToAction,
        List<String> recent,
        List<String> tooClose,
        int attempt,
        Prompt prompt,
        Intent intent,
        PostTiming timing,
        List<String> imageUrls) {

    /** A brief without images for a vision model. */
    CaptionBrief(String restaurantName, RestaurantProfile profile, ItemDetails item, Platform platform, Tone tone,
            String language, String occasion, String callToAction, List<String> recent, List<String> tooClose,
            int attempt, Prompt prompt, Intent intent, PostTiming timing) {
        this(restaurantName, profile, item, platform, tone, language, occasion, callToAction, recent, tooClose,
                attempt, prompt, intent, timing, List.of());
    }

    /** A brief with no intent beyond {@code general} and no known time. */
    CaptionBrief(String restaurantName, RestaurantProfile profile, ItemDetails item, Platform platform, Tone tone,
            String language, String occasion, String callToAction, List<String> recent, List<String> tooClose,
            int attempt, Prompt prompt) {
        this(restaurantName, profile, item, platform, tone, language, occasion, callToAction, recent, tooClose,
                attempt, prompt, Intent.GENERAL, PostTiming.unknown());
    }

    /** The messages for a chat model, rendered from the prompt template. */
    record Prompt(String system, String user) {
    }
}
