package io.forkcast.queue;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the queue module ({@code forkcast.queue.*}).
 *
 * @param maxSlotsPerAccount weekly posting slots an account may have
 * @param suggestedHours how many of an account's best hours are suggested as daily slots
 * @param suggestionPeriod how far back published posts are read to rank the hours
 * @param recurrenceLookahead how far ahead a recurrence's occurrences are created (as posts on the calendar)
 * @param recurrenceInterval how often the job looks for occurrences to create
 * @param maxActiveRecurrences active or paused recurrences a tenant may have
 */
@Validated
@ConfigurationProperties("forkcast.queue")
record QueueProperties(
        @DefaultValue("42") @Min(1) @Max(500) int maxSlotsPerAccount,
        @DefaultValue("2") @Min(1) @Max(6) int suggestedHours,
        @DefaultValue("90d") Duration suggestionPeriod,
        @DefaultValue("14d") Duration recurrenceLookahead,
        @DefaultValue("15m") Duration recurrenceInterval,
        @DefaultValue("50") @Min(1) int maxActiveRecurrences) {
}
