package io.forkcast.web;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the dashboard ({@code forkcast.web.*}).
 *
 * @param signInAttempts sign-in attempts allowed per e-mail address and client address within {@code signInWindow}
 * @param signInWindow the window of {@code signInAttempts} (the budget refills gradually over it)
 * @param passwordResetRequests "Forgot password?" requests allowed per e-mail address within
 *                              {@code passwordResetWindow}; beyond, the page answers the same and sends nothing
 * @param passwordResetRequestsPerClient "Forgot password?" requests allowed per client address (whatever the
 *                                       e-mail addresses) within {@code passwordResetWindow}
 * @param passwordResetWindow the window of both budgets of "Forgot password?" (they refill gradually over it)
 */
@Validated
@ConfigurationProperties("forkcast.web")
record WebProperties(
        @DefaultValue("10") @Min(1) int signInAttempts,
        @DefaultValue("15m") Duration signInWindow,
        @DefaultValue("3") @Min(1) int passwordResetRequests,
        @DefaultValue("20") @Min(1) int passwordResetRequestsPerClient,
        @DefaultValue("1h") Duration passwordResetWindow) {
}
