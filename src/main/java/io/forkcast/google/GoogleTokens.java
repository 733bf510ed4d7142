package io.forkcast.google;

import java.time.Duration;
import java.util.List;

/**
 * What Google's token endpoint answered. Secret: {@link #toString()} shows neither token.
 *
 * @param refreshToken only from an authorization code with offline access; null from a refresh
 */
public record GoogleTokens(String accessToken, Duration expiresIn, String refreshToken, List<String> scopes) {

    @Override
    public String toString() {
        return "GoogleTokens[expiresIn=" + expiresIn + ", refreshToken=" + (refreshToken == null ? "none" : "present")
                + ", scopes=" + scopes + "]";
    }
}
