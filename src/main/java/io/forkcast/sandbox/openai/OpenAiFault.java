package io.forkcast.sandbox.openai;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;

/**
 * A failure the simulator serves to the next {@code count} API calls (chat completions or embeddings).
 *
 * @param status the HTTP status to answer (429, 500, 503, 401...); absent for a slow success
 * @param type the error's {@code type} ({@code rate_limit_error}, {@code insufficient_quota}, {@code server_error}...)
 * @param code the error's {@code code} ({@code rate_limit_exceeded}, {@code insufficient_quota}, {@code invalid_api_key})
 * @param retryAfterSeconds sent as {@code retry-after} (and {@code retry-after-ms}) when present
 * @param delayMs how long to wait before answering (a slow provider)
 * @param count how many calls it applies to (1 when absent)
 */
record OpenAiFault(
        @Min(200) @Max(599) Integer status,
        @Size(max = 64) String type,
        @Size(max = 64) String code,
        @Size(max = 500) String message,
        @Min(0) @Max(3600) Integer retryAfterSeconds,
        @Min(0) @Max(60_000) Integer delayMs,
        @Min(1) @Max(1000) Integer count) {
}
