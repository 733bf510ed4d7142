package io.forkcast.shared.database;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * How the application behaves while its database is away ({@code forkcast.database.*}). How long a request waits
 * for the database is the pool's and the driver's business: {@code spring.datasource.hikari.connection-timeout},
 * {@code validation-timeout} and, on PostgreSQL, the driver's {@code connectTimeout} and {@code socketTimeout}.
 *
 * @param healthTimeout how long the database health check waits for an answer before it reports {@code DOWN}, so
 *                      that readiness answers promptly even when the database hangs
 * @param retryAfter    what the {@code Retry-After} header of a 503 answered while the database is unreachable
 *                      suggests
 */
@Validated
@ConfigurationProperties("forkcast.database")
public record DatabaseProperties(
        @DefaultValue("800ms") @NotNull Duration healthTimeout,
        @DefaultValue("5s") @NotNull Duration retryAfter) {
}
