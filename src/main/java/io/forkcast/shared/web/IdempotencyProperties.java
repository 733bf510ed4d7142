package io.forkcast.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the {@code Idempotency-Key} header ({@code forkcast.idempotency.*}).
 *
 * @param keyTtl how long a tenant's Idempotency-Key and the first response it answered are remembered
 */
@Validated
@ConfigurationProperties("forkcast.idempotency")
record IdempotencyProperties(@DefaultValue("24h") Duration keyTtl) {
}
