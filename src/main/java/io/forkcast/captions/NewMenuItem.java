package io.forkcast.captions;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/**
 * A menu item to add. A description longer than {@value #MAX_DESCRIPTION} characters is refused (400), not
 * trimmed: a silently cut description would feed captions half a sentence.
 *
 * @param price a decimal amount (two decimals at most), with its ISO 4217 {@code currency}
 * @param dietaryTags lower-case tags such as {@code vegan}, {@code gluten-free}
 * @param assetIds images of the item in the asset library, stored as given
 */
public record NewMenuItem(
        @NotBlank @Size(max = 200) String name,
        @Size(max = MAX_DESCRIPTION) String description,
        @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal price,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code such as EUR or USD") String currency,
        @Size(max = 20) List<@NotNull @Pattern(regexp = DIETARY_TAG,
                message = "must be a lower-case tag such as vegan or gluten-free") String> dietaryTags,
        Boolean seasonal,
        @Size(max = 20) List<@NotNull UUID> assetIds) {

    public static final int MAX_DESCRIPTION = 2000;
    public static final String DIETARY_TAG = "[a-z][a-z0-9-]{0,39}";
}
