package io.forkcast.autopilot;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.LocalTime;

/**
 * Settings of the autopilot module ({@code forkcast.autopilot.*}): the defaults a restaurant gets until it chooses.
 *
 * @param specialsTime local time (the restaurant's time zone) at which the day's specials are drafted
 * @param comingUpDays how many days ahead the home page's "coming up" list looks
 */
@Validated
@ConfigurationProperties("forkcast.autopilot")
public record AutopilotProperties(
        @NotNull @DefaultValue("10:00") LocalTime specialsTime,
        @Min(1) @Max(60) @DefaultValue("14") int comingUpDays) {
}
