package io.forkcast.notifications;

import io.forkcast.shared.Platform;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The e-mail templates: both versions filled in, HTML escaped in the HTML version only; owners' wording. */
class LettersTest {

    private final Letters letters = new Letters();

    @Test
    void theHtmlVersionEscapesWhatTheTextVersionKeepsAsTyped() {
        Letters.Letter letter = letters.write("invitation", "Invitation", Map.of("restaurant", "<b>Bob</b> & Co",
                "email", "bob@example.com", "link", "https://forkcast.example/app/invite/abc?x=1&y=2",
                "until", "Tuesday 8 December 2026 at 18:00 (Europe/Paris)"));

        assertThat(letter.text()).contains("social media of <b>Bob</b> & Co on Forkcast")
                .contains("https://forkcast.example/app/invite/abc?x=1&y=2");
        assertThat(letter.html()).contains("&lt;b&gt;Bob&lt;/b&gt; &amp; Co").doesNotContain("<b>Bob</b>")
                .contains("href=\"https://forkcast.example/app/invite/abc?x=1&amp;y=2\"");
    }

    @Test
    void timesReadInTheRestaurantsZone() {
        assertThat(Letters.when(Instant.parse("2026-12-08T17:00:00Z"), ZoneId.of("Europe/Paris")))
                .isEqualTo("Tuesday 8 December 2026 at 18:00 (Europe/Paris)");
    }

    @Test
    void accountsAndCaptionsAreNamedAsTheDashboardNamesThem() {
        assertThat(Platform.FACEBOOK.accountName("Krusty Pizza")).isEqualTo("Facebook Page Krusty Pizza");
        assertThat(Platform.INSTAGRAM.accountName("krusty")).isEqualTo("Instagram @krusty");
        assertThat(Platform.INSTAGRAM.accountName(null)).isEqualTo("Instagram");
        assertThat(Platform.GOOGLE_BUSINESS.accountName("Trattoria")).isEqualTo("Google listing Trattoria");
        assertThat(MailListeners.opening("Truffle night!\nBook now")).isEqualTo("Truffle night!");
        assertThat(MailListeners.opening("x".repeat(100))).hasSize(80).endsWith("…");
    }
}
