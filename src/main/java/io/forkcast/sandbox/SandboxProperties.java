package io.forkcast.sandbox;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * Settings of the sandbox ({@code forkcast.sandbox.*}).
 *
 * @param enabled serve the sandbox under {@code /sandbox} (on in the embedded default; turn it off in production,
 *                where the {@code prod} profile refuses to start with it on)
 * @param appId the Meta app the sandbox plays Facebook for (Forkcast's {@code forkcast.meta.app-id})
 * @param appSecret that app's secret (Forkcast's {@code forkcast.meta.app-secret})
 * @param codeLifetime how long an authorization code from the dialog can be exchanged
 * @param userTokenLifetime the life of a short-lived user token (from a code)
 * @param longLivedTokenLifetime the life of a long-lived user token (from {@code fb_exchange_token})
 * @param dataAccessLifetime how long the app may read the user's data after the user last consented
 * @param requireAppsecretProof refuse user and page token calls without a valid {@code appsecret_proof}
 *                              (Meta's "Require App Secret" app setting)
 * @param containerProcessingTime how long an Instagram container stays IN_PROGRESS before FINISHED
 * @param videoProcessingTime how long an Instagram video container (Reel, Story, carousel video) stays IN_PROGRESS,
 *                            and a Facebook video, Reel or video Story stays in its processing phase; Meta takes
 *                            minutes for a long video
 * @param instagramPublishingLimit posts an Instagram account may publish per rolling 24 hours
 * @param facebookReelsLimit Reels a Facebook Page may publish through the API per rolling 24 hours (Meta: 30)
 * @param graphLatency added to every Graph call the sandbox answers, to simulate the network and Meta's servers
 * @param deauthorizeCallbackUrl where the sandbox posts a deauthorize callback (Meta's "Deauthorize callback URL"
 *                               setting); empty means this instance's {@code /api/v1/meta/deauthorize}
 * @param dataDeletionCallbackUrl where the sandbox posts a data deletion callback (Meta's "Data deletion request
 *                                URL" setting); empty means this instance's {@code /api/v1/meta/data-deletion}
 */
@Validated
@ConfigurationProperties("forkcast.sandbox")
public record SandboxProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("100000000000042") @NotBlank String appId,
        @DefaultValue("sandbox-app-secret") @NotBlank String appSecret,
        @DefaultValue("10m") Duration codeLifetime,
        @DefaultValue("2h") Duration userTokenLifetime,
        @DefaultValue("60d") Duration longLivedTokenLifetime,
        @DefaultValue("90d") Duration dataAccessLifetime,
        @DefaultValue("true") boolean requireAppsecretProof,
        @DefaultValue("300ms") Duration containerProcessingTime,
        @DefaultValue("2s") Duration videoProcessingTime,
        @DefaultValue("100") int instagramPublishingLimit,
        @DefaultValue("30") int facebookReelsLimit,
        @DefaultValue("0ms") Duration graphLatency,
        URI deauthorizeCallbackUrl,
        URI dataDeletionCallbackUrl) {

    @Override
    public String toString() {
        return "SandboxProperties[enabled=" + enabled + ", appId=" + appId + "]";
    }
}
