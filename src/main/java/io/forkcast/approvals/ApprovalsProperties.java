package io.forkcast.approvals;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * Settings of approvals ({@code forkcast.approvals.*}).
 *
 * @param shareLinkTtl              how long a share-for-approval link opens after it is made
 * @param shareLinkRequestsPerMinute how many requests to share links one address may make per minute on one
 *                                  instance (opening, deciding, wrong tokens alike); beyond, 429
 */
@Validated
@ConfigurationProperties("forkcast.approvals")
record ApprovalsProperties(
        @DefaultValue("7d") @NotNull Duration shareLinkTtl,
        @DefaultValue("30") @Positive int shareLinkRequestsPerMinute) {
}
