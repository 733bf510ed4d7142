package io.forkcast.accounts.web;

import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of Meta's callbacks ({@code forkcast.accounts.meta-callbacks.*}).
 *
 * @param perMinute how many deauthorize and data deletion callbacks and status page views one instance answers a
 *                  minute before refusing with 429 (Meta sends a few a minute at most)
 */
@Validated
@ConfigurationProperties("forkcast.accounts.meta-callbacks")
record MetaCallbackLimit(@DefaultValue("120") @Min(1) int perMinute) {
}
