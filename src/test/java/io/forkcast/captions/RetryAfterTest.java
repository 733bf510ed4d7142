package io.forkcast.captions;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;

/** How long the OpenAI-compatible writer waits before a retry, from the provider's headers. */
class RetryAfterTest {

    @Test
    void millisecondsHeaderWinsOverSeconds() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("retry-after-ms", "1500");
        headers.set("retry-after", "20");

        assertThat(OpenAiCaptionWriter.retryAfter(headers)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void secondsAreRead() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("retry-after", "2");

        assertThat(OpenAiCaptionWriter.retryAfter(headers)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void anHttpDateIsReadAsTheTimeUntilThen() {
        HttpHeaders headers = new HttpHeaders();
        headers.set("retry-after", DateTimeFormatter.RFC_1123_DATE_TIME.format(
                ZonedDateTime.now(ZoneOffset.UTC).plusSeconds(30)));

        assertThat(OpenAiCaptionWriter.retryAfter(headers)).isBetween(Duration.ofSeconds(25), Duration.ofSeconds(30));
    }

    @Test
    void noHeaderMeansTheWriterChoosesItsOwnBackoff() {
        assertThat(OpenAiCaptionWriter.retryAfter(new HttpHeaders())).isNull();
    }
}
