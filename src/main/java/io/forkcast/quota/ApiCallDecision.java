package io.forkcast.quota;

import java.time.Duration;

/**
 * The outcome of counting one API call against a tenant's hourly budget.
 *
 * @param allowed whether the call may go ahead
 * @param limit the plan's calls per hour
 * @param remaining calls left right now
 * @param reset time until the budget is whole again
 * @param retryAfter when refused, time until one more call is allowed; zero otherwise
 */
public record ApiCallDecision(boolean allowed, long limit, long remaining, Duration reset, Duration retryAfter) {
}
