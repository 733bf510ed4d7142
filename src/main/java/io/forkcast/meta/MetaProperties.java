package io.forkcast.meta;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * Settings of the Graph API client ({@code forkcast.meta.*}).
 *
 * @param graphVersion the Graph API version of every call and of the dialog ({@code v26.0})
 * @param graphBaseUrl the Graph host; empty means the built-in sandbox of this instance when the sandbox is on,
 *                     {@code https://graph.facebook.com} otherwise
 * @param dialogBaseUrl the host of the OAuth dialog; empty means the sandbox when it is on,
 *                      {@code https://www.facebook.com} otherwise
 * @param ruploadBaseUrl the host of Meta's resumable upload service (Facebook Reels and video Stories are
 *                       uploaded there by {@code file_url}); empty means the sandbox when it is on,
 *                       {@code https://rupload.facebook.com} otherwise
 * @param appId the Meta app's id
 * @param appSecret the Meta app's secret (signs appsecret_proof, forms the app token)
 * @param scopes the permissions the OAuth dialog asks for
 * @param connectTimeout how long to wait for a connection to Graph
 * @param readTimeout how long to wait for Graph's answer
 * @param pageSize how many pages {@code /me/accounts} returns per request (Graph's default is 25)
 * @param throttleThreshold the usage percentage (from the usage headers) above which calls are slowed down
 * @param throttleMaxDelay the longest pause before a call when usage approaches 100 %
 */
@Validated
@ConfigurationProperties("forkcast.meta")
record MetaProperties(
        @DefaultValue("v26.0") @Pattern(regexp = "v\\d+\\.\\d+", message = "must look like v26.0") String graphVersion,
        URI graphBaseUrl,
        URI dialogBaseUrl,
        URI ruploadBaseUrl,
        @NotBlank String appId,
        @NotBlank String appSecret,
        @DefaultValue({"pages_show_list", "pages_read_engagement", "pages_manage_posts", "pages_manage_engagement",
                "instagram_basic", "instagram_content_publish", "instagram_manage_comments"}) @NotEmpty List<String> scopes,
        @DefaultValue("5s") Duration connectTimeout,
        @DefaultValue("20s") Duration readTimeout,
        @DefaultValue("25") @Min(1) @Max(100) int pageSize,
        @DefaultValue("90") @Min(1) @Max(99) int throttleThreshold,
        @DefaultValue("5s") Duration throttleMaxDelay) {

    @Override
    public String toString() {
        return "MetaProperties[graphVersion=" + graphVersion + ", appId=" + appId + "]";
    }
}
