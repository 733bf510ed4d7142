package io.forkcast.google;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the Google client ({@code forkcast.google.*}). Each base URL left empty means the built-in sandbox of
 * this instance while the sandbox is on, Google's own host otherwise: the client switches by base URL alone.
 *
 * @param enabled false on a deployment without Google (no OAuth client): nothing offers Google, its API answers
 *        that Google is not enabled, and the listing jobs do not run; the client id and secret may then be empty
 * @param clientId the OAuth client id of the Google Cloud project
 * @param clientSecret that client's secret
 * @param scopes the scopes the consent screen asks for
 * @param authorizationBaseUrl where the browser consents ({@code https://accounts.google.com})
 * @param oauthBaseUrl the token and revocation host ({@code https://oauth2.googleapis.com})
 * @param accountManagementBaseUrl {@code https://mybusinessaccountmanagement.googleapis.com}
 * @param businessInformationBaseUrl {@code https://mybusinessbusinessinformation.googleapis.com}
 * @param myBusinessBaseUrl the v4 host of local posts, food menus and reviews ({@code https://mybusiness.googleapis.com})
 * @param performanceBaseUrl the Performance API's host ({@code https://businessprofileperformance.googleapis.com})
 * @param connectTimeout how long to wait for a connection to Google
 * @param readTimeout how long to wait for Google's answer
 * @param pageSize how many accounts, locations or posts to ask for per page
 * @param refreshBefore an access token this close to its expiry is refreshed before use
 */
@Validated
@ConfigurationProperties("forkcast.google")
record GoogleProperties(
        @DefaultValue("true") boolean enabled,
        String clientId,
        String clientSecret,
        @DefaultValue("https://www.googleapis.com/auth/business.manage") @NotEmpty List<String> scopes,
        URI authorizationBaseUrl,
        URI oauthBaseUrl,
        URI accountManagementBaseUrl,
        URI businessInformationBaseUrl,
        URI myBusinessBaseUrl,
        URI performanceBaseUrl,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration readTimeout,
        @DefaultValue("100") @Min(1) @Max(100) int pageSize,
        @DefaultValue("5m") Duration refreshBefore) {

    /** With Google on, the OAuth client must be named. */
    @AssertTrue(message = "forkcast.google.client-id and client-secret must be set while forkcast.google.enabled is true")
    public boolean isClientGiven() {
        return !enabled || (clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank());
    }

    @Override
    public String toString() {
        return "GoogleProperties[enabled=" + enabled + ", clientId=" + clientId + "]";
    }
}
