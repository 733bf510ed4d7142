package io.forkcast.sandbox.google;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of the Google sandbox ({@code forkcast.sandbox.google.*}), on whenever the sandbox is.
 *
 * @param clientId the OAuth client the sandbox plays Google for (Forkcast's {@code forkcast.google.client-id}); blank
 *                 on a deployment with Google switched off, where the sandbox (off as well) accepts no client
 * @param clientSecret that client's secret (Forkcast's {@code forkcast.google.client-secret})
 * @param codeLifetime how long an authorization code can be exchanged
 * @param accessTokenLifetime the life of an access token (Google's: 3,599 seconds)
 * @param requestsPerMinute Business Profile API requests the client's project may make per minute (Google's
 *                          default quota: 300)
 * @param postProcessingTime how long a new local post stays {@code PROCESSING} before it is {@code LIVE}
 */
@Validated
@ConfigurationProperties("forkcast.sandbox.google")
record GoogleSandboxProperties(
        @DefaultValue("sandbox-client.apps.googleusercontent.com") String clientId,
        @DefaultValue("sandbox-google-client-secret") String clientSecret,
        @DefaultValue("10m") Duration codeLifetime,
        @DefaultValue("3599s") Duration accessTokenLifetime,
        @DefaultValue("300") @Min(1) int requestsPerMinute,
        @DefaultValue("300ms") Duration postProcessingTime) {

    @Override
    public String toString() {
        return "GoogleSandboxProperties[clientId=" + clientId + "]";
    }
}
