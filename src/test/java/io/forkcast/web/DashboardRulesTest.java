package io.forkcast.web;

import io.forkcast.posts.PostId;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.Platform;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's small rules, without a server: form errors, field names, sentences, time zones, insights. */
class DashboardRulesTest {

    private static final Instant WINTER = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void formErrorsBelongToTheFormThatWasSentAndGiveBackWhatWasTyped() {
        FormErrors errors = new FormErrors("/app/settings/menu-items", null, Map.of("price", "Price must be a number."),
                Map.of("price", "twelve", "name", ""));
        FormErrors menu = errors.of("/app/settings/menu-items");
        assertThat(menu.has("price")).isTrue();
        assertThat(menu.invalid("price")).isEqualTo("true");
        assertThat(menu.invalid("name")).isNull();
        assertThat(menu.describedBy("price")).isEqualTo("error-app-settings-menu-items-price");
        assertThat(menu.value("price", "9.50")).isEqualTo("twelve");
        assertThat(menu.value("name", "Margherita")).as("an emptied field stays empty").isEqualTo("");
        assertThat(menu.value("currency", "EUR")).as("a field not sent keeps its value").isEqualTo("EUR");

        FormErrors profile = errors.of("/app/settings/profile");
        assertThat(profile.any()).isFalse();
        assertThat(profile.value("name", "Chez Nous")).isEqualTo("Chez Nous");
        assertThat(FormErrors.NONE.value("price", "9.50")).isEqualTo("9.50");
    }

    @Test
    void aPropertyPathBecomesTheFormFieldItStandsFor() {
        assertThat(FormInput.fieldName("price")).isEqualTo("price");
        assertThat(FormInput.fieldName("defaultLanguage")).isEqualTo("default_language");
        assertThat(FormInput.fieldName("dietaryTags[2].<list element>")).isEqualTo("dietary_tags");
    }

    @Test
    void aFieldsMessageReadsAsOneSentence() {
        assertThat(DashboardAdvice.sentence(new InvalidFieldException("price", "must be a number such as 12.50")))
                .isEqualTo("Price must be a number such as 12.50.");
        assertThat(DashboardAdvice.sentence(new InvalidFieldException("scheduled_for", "The time must be in the future.")))
                .isEqualTo("The time must be in the future.");
    }

    @Test
    void theTimeZonePickerOffersCitiesByNameAndNoLegacyIds() {
        assertThat(TimeZones.label(ZoneId.of("Europe/Paris"), WINTER))
                .isEqualTo("Paris, Europe · Central European Time · UTC+01:00");
        assertThat(TimeZones.label(ZoneId.of("America/Argentina/Buenos_Aires"), WINTER))
                .startsWith("Buenos Aires, America (Argentina) · ");
        assertThat(TimeZones.common(WINTER).getFirst().id()).isEqualTo("Europe/London");
        List<String> all = TimeZones.all(ZoneId.of("Europe/Paris"), WINTER).stream().map(TimeZones.Choice::id).toList();
        assertThat(all).contains("Europe/Paris", "Asia/Tokyo").doesNotContain("SystemV/AST4", "Etc/GMT+3", "US/Pacific");
        assertThat(TimeZones.all(ZoneId.of("Etc/GMT+3"), WINTER)).as("the restaurant's own zone is always offered")
                .extracting(TimeZones.Choice::id).contains("Etc/GMT+3");
    }

    @Test
    void trendsCompareWithThePeriodBeforeAndBestHoursNeedEngagement() {
        assertThat(InsightsPage.Totals.change(15, 10)).isEqualTo(50);
        assertThat(InsightsPage.Totals.change(5, 10)).isEqualTo(-50);
        assertThat(InsightsPage.Totals.change(5, 0)).as("no trend from nothing").isNull();

        ZoneId paris = ZoneId.of("Europe/Paris");
        InsightsPage.Published quiet = published(Instant.parse("2026-11-30T18:00:00Z"), 0, 0);
        assertThat(InsightsPage.bestHours(List.of(quiet), paris)).isEmpty();
        InsightsPage.Published liked = published(Instant.parse("2026-11-29T11:00:00Z"), 8, 2);
        assertThat(InsightsPage.bestHours(List.of(quiet, liked), paris))
                .extracting(io.forkcast.posts.PostingHours.HourStats::hour).containsExactly(12, 19);
    }

    private static InsightsPage.Published published(Instant at, int likes, int comments) {
        return new InsightsPage.Published(new PostId(UUID.randomUUID()), UUID.randomUUID(), UUID.randomUUID(),
                Platform.INSTAGRAM, "Soup of the day", at, likes, comments);
    }
}
