package io.forkcast.captions;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * The item a caption is about, given inline instead of a stored menu item (a daily special, say). The same
 * limits as a menu item apply: a description over {@value NewMenuItem#MAX_DESCRIPTION} characters is refused.
 */
public record ItemDetails(
        @NotBlank @Size(max = 200) String name,
        @Size(max = NewMenuItem.MAX_DESCRIPTION) String description,
        @DecimalMin("0") @Digits(integer = 10, fraction = 2) BigDecimal price,
        @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 currency code such as EUR or USD") String currency,
        @Size(max = 20) List<@NotNull @Pattern(regexp = NewMenuItem.DIETARY_TAG,
                message = "must be a lower-case tag such as vegan or gluten-free") String> dietaryTags,
        Boolean seasonal) {

    public ItemDetails {
        dietaryTags = dietaryTags == null ? List.of() : List.copyOf(dietaryTags);
        seasonal = Boolean.TRUE.equals(seasonal);
    }

    static ItemDetails of(MenuItem item) {
        return new ItemDetails(item.name(), item.description(), item.price(), item.currency(), item.dietaryTags(),
                item.seasonal());
    }
}
