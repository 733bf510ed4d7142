package io.forkcast.queue;

import com.fasterxml.jackson.annotation.JsonValue;
import io.forkcast.captions.Intent;
import io.forkcast.captions.Weekday;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/**
 * A recurring post as the API shows it.
 *
 * @param kind {@code weekly} (on {@code days}) or {@code every_n_days} (every {@code every_days} days)
 * @param time the local time of every occurrence, in the restaurant's time zone
 * @param until the last date an occurrence may fall on (null: no end date)
 * @param count how many occurrences at most (null: no limit)
 * @param accountIds the accounts every occurrence goes to
 * @param assetIds the photos the occurrences rotate through, one an occurrence, in this order
 * @param menuItemId the menu item the captions are about; or {@code subject}, a dish or theme named inline
 * @param occasion what the caption writer is told the occasion is (optional)
 * @param nextOccurrence when the next occurrence not created yet falls (null: none left)
 * @param lastError why the last occurrence could not be created (null once one is)
 * @param occurrences the occurrences created so far, each an ordinary post (only when one recurrence is read)
 */
public record Recurrence(UUID id, Status status, RecurrenceKind kind, List<Weekday> days, Integer everyDays,
        LocalTime time, LocalDate startsOn, LocalDate until, Integer count, List<UUID> accountIds,
        List<UUID> assetIds, Intent intent, UUID menuItemId, String subject, String occasion, int created,
        Instant nextOccurrence, String lastError, Instant createdAt, List<Occurrence> occurrences) {

    /** {@code active}: occurrences are created ahead of time; {@code paused}; {@code ended} (by the owner or the rule). */
    public enum Status {
        ACTIVE, PAUSED, ENDED;

        @JsonValue
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One occurrence created: its number in the rule, its post and when it is due. */
    public record Occurrence(int number, UUID postId, Instant dueAt) {
    }
}
