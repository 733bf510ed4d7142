package io.forkcast.posts;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PreparationTest {

    private static final Instant NOW = Instant.parse("2026-12-03T12:00:00Z");

    @Test
    void theDigestTellsEveryDifferenceInThePartsApart() {
        String base = Preparation.digest(List.of("a", "bc"));
        assertThat(base).hasSize(64).isEqualTo(Preparation.digest(List.of("a", "bc")));
        assertThat(Preparation.digest(List.of("ab", "c"))).as("the same bytes, split elsewhere").isNotEqualTo(base);
        assertThat(Preparation.digest(List.of("a", "bc", ""))).isNotEqualTo(base);
        assertThat(Preparation.digest(Arrays.asList("a", "bc", null)))
                .as("no part is not an empty part").isNotEqualTo(Preparation.digest(List.of("a", "bc", "")));
        assertThat(Preparation.digest(List.of("a", "bç"))).isNotEqualTo(Preparation.digest(List.of("a", "bc")));
    }

    @Test
    void aPreparationIsUsedOnlyForWhatItWasMadeFromAndBeforeItsContainerWouldExpire() {
        Preparation prepared = new Preparation(List.of("17900000000000001"), "digest-1", NOW);
        assertThat(prepared.usable("digest-1", NOW.plus(Duration.ofHours(1)))).isTrue();
        assertThat(prepared.usable("digest-2", NOW.plus(Duration.ofHours(1)))).as("changed since").isFalse();
        assertThat(prepared.usable("digest-1", NOW.plus(Duration.ofHours(22)))).isTrue();
        assertThat(prepared.usable("digest-1", NOW.plus(Duration.ofHours(23)))).as("near Instagram's 24 hours")
                .isFalse();
    }
}
