package io.forkcast.accounts;

import io.forkcast.shared.Platform;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/**
 * Settings of the accounts module ({@code forkcast.accounts.*}).
 *
 * @param stateLifetime how long a connect link (its OAuth state) can be completed
 * @param stateCleanupInterval how often expired OAuth states are deleted
 * @param tokenHealthTime the time of day (UTC) of the daily token health check
 * @param refreshWithin user tokens expiring within this are exchanged for fresh long-lived ones
 * @param resealInterval how often tokens sealed with an older vault key are moved to the active key
 * @param facebookScopes the permissions a Page must keep; losing one marks it {@code needs_reconnect}
 * @param instagramScopes the permissions an Instagram account must keep
 */
@Validated
@ConfigurationProperties("forkcast.accounts")
record AccountsProperties(
        @DefaultValue("10m") Duration stateLifetime,
        @DefaultValue("1h") Duration stateCleanupInterval,
        @DefaultValue("04:00") @NotNull LocalTime tokenHealthTime,
        @DefaultValue("7d") Duration refreshWithin,
        @DefaultValue("1h") Duration resealInterval,
        @DefaultValue({"pages_show_list", "pages_manage_posts"}) @NotEmpty List<String> facebookScopes,
        @DefaultValue({"instagram_basic", "instagram_content_publish"}) @NotEmpty List<String> instagramScopes) {

    List<String> requiredScopes(Platform platform) {
        return platform == Platform.FACEBOOK ? facebookScopes : instagramScopes;
    }
}
