package io.forkcast.tenancy;

/**
 * A subscription plan and the limits that come with it, as configured under {@code forkcast.tenancy.plans}.
 *
 * @param name the plan's name as clients send it ({@code basic}, {@code pro}, {@code enterprise})
 * @param apiCallsPerHour API calls a tenant on this plan may make per hour
 * @param postsPerDay posts a tenant on this plan may publish per day, counted in its own time zone
 */
public record Plan(String name, int apiCallsPerHour, int postsPerDay) {
}
