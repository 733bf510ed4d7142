package io.forkcast.notifications;

import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of Forkcast's e-mail ({@code forkcast.mail.*}); the SMTP server itself is Spring's {@code spring.mail.*}
 * (host, port, username, password, {@code properties.mail.smtp.*}).
 *
 * @param from the sender of every e-mail, an address with an optional name ({@code Forkcast <hello@example.com>})
 * @param replyTo where replies go; empty: to {@code from}
 * @param retryInterval how often e-mails that could not be sent (the SMTP server was down, say) are tried again,
 *                      and how old such a failure must be before it is
 * @param giveUpAfter an e-mail still not sent this long after the action that caused it is no longer tried (it
 *                    stays in the event publication table, marked failed)
 */
@Validated
@ConfigurationProperties("forkcast.mail")
record NotificationProperties(
        @DefaultValue("Forkcast <no-reply@forkcast.localhost>") @NotBlank String from,
        String replyTo,
        @DefaultValue("1m") Duration retryInterval,
        @DefaultValue("2d") Duration giveUpAfter) {
}
