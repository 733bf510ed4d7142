package io.forkcast.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotNull;

/**
 * Limits on what a request may send ({@code forkcast.http.*}).
 *
 * @param maxJsonBodySize the largest JSON request body accepted; a larger one is answered 413 before it is read
 *                        (from its declared length, or as soon as a chunked body passes the limit). Multipart uploads
 *                        have their own limit ({@code spring.servlet.multipart.*})
 */
@Validated
@ConfigurationProperties("forkcast.http")
record HttpLimitsProperties(@DefaultValue("1MB") @NotNull DataSize maxJsonBodySize) {
}
