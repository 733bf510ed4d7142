package io.forkcast.captions;

import java.time.LocalDate;

/**
 * A tenant's caption usage on one of its calendar days.
 *
 * @param generations caption requests counted against the plan's cap
 * @param dailyCap the plan's cap, {@code null} when the plan has none
 * @param promptTokens tokens the provider billed for prompts
 * @param completionTokens tokens the provider billed for captions
 */
public record DailyUsage(LocalDate day, int generations, Integer dailyCap, long promptTokens, long completionTokens) {
}
