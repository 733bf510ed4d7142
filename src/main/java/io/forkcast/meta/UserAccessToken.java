package io.forkcast.meta;

import java.time.Duration;

/**
 * A user access token from the token endpoint.
 *
 * @param value the token itself: seal it, never log it
 * @param expiresIn its remaining life, or {@code null} when Graph did not say
 */
public record UserAccessToken(String value, Duration expiresIn) {

    @Override
    public String toString() {
        return "UserAccessToken[expiresIn=" + expiresIn + "]";
    }
}
