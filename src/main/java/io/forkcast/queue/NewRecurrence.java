package io.forkcast.queue;

import io.forkcast.captions.Intent;
import io.forkcast.captions.Weekday;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * A recurring post to create: the rule, and what every occurrence is made of.
 *
 * @param kind {@code weekly} (give {@code days}) or {@code every_n_days} (give {@code every_days})
 * @param time the local time of every occurrence (minutes only), in the restaurant's time zone
 * @param startsOn the first date an occurrence may fall on (today when absent)
 * @param until the last date (optional); {@code count} the most occurrences (optional); neither: until ended
 * @param accountIds the accounts every occurrence goes to
 * @param assetIds the photos to rotate through, one an occurrence
 * @param menuItemId the menu item captions are about, or {@code subject}: a dish or theme in words (one of the two)
 * @param occasion the occasion, for the caption writer (optional)
 * @param intent what each occurrence asks of its readers ({@code general} when absent)
 */
public record NewRecurrence(
        @NotNull RecurrenceKind kind,
        @Size(max = 7) List<@NotNull Weekday> days,
        @Min(1) @Max(365) Integer everyDays,
        @NotNull LocalTime time,
        LocalDate startsOn,
        LocalDate until,
        @Min(1) @Max(1000) Integer count,
        @NotEmpty @Size(max = 20) List<@NotNull UUID> accountIds,
        @NotEmpty @Size(max = 20) List<@NotNull UUID> assetIds,
        UUID menuItemId,
        @Size(max = 200) String subject,
        @Size(max = 100) String occasion,
        Intent intent) {
}
