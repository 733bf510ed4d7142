package io.forkcast.captions;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A menu item's availability, set whole ({@code PUT}): {@code sold_out} with an optional {@code until} (back on the
 * menu by itself then), or {@code available}; and its season, {@code seasonFrom} to {@code seasonTo} inclusive (both
 * or neither; neither: all year). Outside its season an item counts as unavailable.
 */
public record MenuItemAvailability(@NotNull Availability status, Instant until, LocalDate seasonFrom,
        LocalDate seasonTo) {

    @AssertTrue(message = "until goes with sold_out only")
    boolean isUntilWithSoldOut() {
        return until == null || status == Availability.SOLD_OUT;
    }

    @AssertTrue(message = "give season_from and season_to together, season_from on or before season_to")
    boolean isSeasonWhole() {
        return (seasonFrom == null) == (seasonTo == null) && (seasonFrom == null || !seasonFrom.isAfter(seasonTo));
    }
}
