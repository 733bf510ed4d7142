package io.forkcast.webhooks;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.util.List;

/**
 * Settings of outbound webhooks ({@code forkcast.webhooks.*}).
 *
 * @param retryDelays             the waits between a failed attempt and the next one; after the last, the message
 *                                has failed (the defaults, the Standard Webhooks schedule, add up to about 27 hours)
 * @param disableAfter            an endpoint whose attempts have all failed for this long is disabled, and the
 *                                restaurant's owners and admins are told
 * @param connectTimeout          the longest a connection to an endpoint may take
 * @param readTimeout             the longest an endpoint may take to answer
 * @param allowPrivateAddresses   let endpoints resolve to loopback, private, link-local or other non-public
 *                                addresses; never in production (it lets a tenant reach the platform's own network)
 * @param sslBundle               the SSL bundle ({@code spring.ssl.bundle.*}) whose trust material the client uses
 *                                instead of the JDK's; empty: the JDK's trusted authorities
 * @param maxEndpointsPerTenant   how many endpoints one tenant may register
 */
@Validated
@ConfigurationProperties("forkcast.webhooks")
record WebhooksProperties(
        @DefaultValue({"5s", "5m", "30m", "2h", "5h", "10h", "10h"}) @NotEmpty List<@NotNull Duration> retryDelays,
        @DefaultValue("24h") @NotNull Duration disableAfter,
        @DefaultValue("5s") @NotNull Duration connectTimeout,
        @DefaultValue("15s") @NotNull Duration readTimeout,
        @DefaultValue("false") boolean allowPrivateAddresses,
        String sslBundle,
        @DefaultValue("10") int maxEndpointsPerTenant) {
}
