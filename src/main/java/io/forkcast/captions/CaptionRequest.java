package io.forkcast.captions;

import io.forkcast.shared.Platform;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A request for captions: about a stored menu item ({@code menuItemId}) or an item described inline
 * ({@code item}), exactly one of the two.
 *
 * @param tone the tone; the profile's voice when absent
 * @param variants how many different captions to return, 1 to 5 (1 when absent)
 * @param language a BCP 47 language tag; the profile's default language when absent
 * @param intent what the post asks of its readers ({@code general} when absent): shapes the call to action
 * @param scheduledFor when the post goes out: read against the opening hours, a caption never says "now" while the
 *                     restaurant is closed, nor "tonight" when the evening is closed or over
 * @param assetIds the photos the caption is about (at most 4, the tenant's own); the menu item's when absent
 */
public record CaptionRequest(
        UUID menuItemId,
        @Valid ItemDetails item,
        @NotNull Platform platform,
        Tone tone,
        @Size(max = 100) String occasion,
        @Size(max = 200) String callToAction,
        @Min(value = 1, message = "must be between 1 and 5") @Max(value = 5, message = "must be between 1 and 5")
        Integer variants,
        @Pattern(regexp = RestaurantProfile.LANGUAGE, message = "must be a language tag such as en, fr or pt-BR")
        String language,
        Intent intent,
        OffsetDateTime scheduledFor,
        @Size(max = 4, message = "at most 4 photos") java.util.List<@jakarta.validation.constraints.NotNull UUID> assetIds) {

    /** A request with no intent beyond {@code general} and no time. */
    public CaptionRequest(UUID menuItemId, ItemDetails item, Platform platform, Tone tone, String occasion,
            String callToAction, Integer variants, String language) {
        this(menuItemId, item, platform, tone, occasion, callToAction, variants, language, null, null);
    }

    /** A request with no photos beyond the menu item's. */
    public CaptionRequest(UUID menuItemId, ItemDetails item, Platform platform, Tone tone, String occasion,
            String callToAction, Integer variants, String language, Intent intent, OffsetDateTime scheduledFor) {
        this(menuItemId, item, platform, tone, occasion, callToAction, variants, language, intent, scheduledFor, null);
    }

    @AssertTrue(message = "give either menu_item_id or item, not both")
    boolean isItemGivenOnce() {
        return (menuItemId == null) != (item == null);
    }

    Intent intentOrGeneral() {
        return intent == null ? Intent.GENERAL : intent;
    }

    int variantCount() {
        return variants == null ? 1 : variants;
    }
}
