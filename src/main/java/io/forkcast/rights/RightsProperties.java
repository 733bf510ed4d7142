package io.forkcast.rights;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of data exports ({@code forkcast.rights.*}). How long an archive is kept is a retention period,
 * {@code forkcast.retention.exports}.
 *
 * @param exportLinkTtl how long a download link given out works (never past the archive's own expiry); each read of
 *                      the export gives a fresh link
 */
@Validated
@ConfigurationProperties("forkcast.rights")
record RightsProperties(@DefaultValue("1h") @NotNull Duration exportLinkTtl) {
}
