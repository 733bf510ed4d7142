package io.forkcast.captions;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;

/** A partial change of a menu item ({@code PATCH}): absent members stay; an empty description clears it. */
public record MenuItemChanges(
        @Size(min = 1, max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String name,
        @Size(max = NewMenuItem.MAX_DESCRIPTION) String description,
        @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal price,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code such as EUR or USD") String currency,
        @Size(max = 20) List<@NotNull @Pattern(regexp = NewMenuItem.DIETARY_TAG,
                message = "must be a lower-case tag such as vegan or gluten-free") String> dietaryTags,
        Boolean seasonal,
        @Size(max = 20) List<@NotNull UUID> assetIds) {
}
