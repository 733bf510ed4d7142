package io.forkcast.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;

/**
 * Limits on what a request may send, and on how many run at once ({@code forkcast.http.*}).
 *
 * @param maxJsonBodySize the largest JSON request body accepted; a larger one is answered 413 before it is read
 *                        (from its declared length, or as soon as a chunked body passes the limit). Multipart uploads
 *                        have their own limit ({@code spring.servlet.multipart.*})
 * @param workers         the threads that serve requests
 */
@Validated
@ConfigurationProperties("forkcast.http")
record HttpLimitsProperties(@DefaultValue("1MB") @NotNull DataSize maxJsonBodySize,
        @DefaultValue @NotNull @Valid Workers workers) {

    /**
     * Requests are served by {@code threads} platform threads in the order they arrive; one that waited
     * {@code maxWait} for a thread runs on a virtual thread of its own instead.
     *
     * @param threads request threads; 0 (the default) is four per processor the JVM sees, a negative number serves
     *                every request on a virtual thread of its own as it arrives (Spring Boot's way with virtual
     *                threads on)
     * @param maxWait the longest a request waits for a thread (a request that blocks, on a slow network say, holds
     *                its thread, so the others never wait much longer than this)
     */
    record Workers(@DefaultValue("0") int threads, @DefaultValue("50ms") @NotNull Duration maxWait) {

        Workers {
            if (threads == 0) {
                threads = 4 * Runtime.getRuntime().availableProcessors();
            }
        }
    }
}
