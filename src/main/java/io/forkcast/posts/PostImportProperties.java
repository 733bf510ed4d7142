package io.forkcast.posts;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of a CSV import of posts ({@code forkcast.posts.import.*}).
 *
 * @param maxRows  rows of posts in one file (the header not counted)
 * @param maxBytes size of one file
 */
@Validated
@ConfigurationProperties("forkcast.posts.import")
record PostImportProperties(
        @DefaultValue("500") @Min(1) @Max(10_000) int maxRows,
        @DefaultValue("1MB") DataSize maxBytes) {
}
