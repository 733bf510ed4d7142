package io.forkcast.shared.events;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the modules' asynchronous event listeners ({@code forkcast.events.*}).
 *
 * @param listenerThreads how many listeners of the modules' events (webhook messages, e-mailed notices) run
 *                        at once on one instance; more wait their turn in memory
 *                        (the event publication registry keeps them, so a crash loses none). Each takes a database
 *                        connection for a short while: keep {@code forkcast.jobs.threads} plus this under the pool
 *                        size, with room left for requests
 * @param retryInterval a listener that failed (a database busy or away, a network error) runs again by the
 *                      {@code event-retry} job, which looks this often, once its event is this old
 * @param giveUpAfter a failed listener of an event older than this is no longer run again; it stays in the
 *                    {@code event_publication} table for an operator to see
 */
@Validated
@ConfigurationProperties("forkcast.events")
record EventsProperties(
        @DefaultValue("8") @Min(1) int listenerThreads,
        @DefaultValue("30s") @NotNull Duration retryInterval,
        @DefaultValue("1d") @NotNull Duration giveUpAfter) {
}
