package io.forkcast.autopilot;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.LocalTime;

/**
 * A restaurant's autopilot settings, read and set whole.
 *
 * @param specialsTime local time (the restaurant's time zone) at which each day's specials are drafted
 * @param specialsMode {@code draft}: a draft to approve in one click; {@code publish}: published at once
 * @param country ISO 3166 country code of the restaurant, for its public holidays ({@code FR}); null: none listed
 * @param region the holiday library's region code within the country ({@code by} for Bavaria), optional
 * @param comingUpDays how many days ahead the "coming up" list looks, 1 to 60
 */
public record AutopilotSettingsView(
        @NotNull LocalTime specialsTime,
        @NotNull SpecialsMode specialsMode,
        @Pattern(regexp = "[A-Za-z]{2}", message = "must be a two-letter country code such as FR or DE") String country,
        @Pattern(regexp = "[A-Za-z0-9-]{1,16}", message = "must be a region code such as by or ny") String region,
        @Min(value = 1, message = "must be between 1 and 60") @Max(value = 60, message = "must be between 1 and 60")
        int comingUpDays) {
}
