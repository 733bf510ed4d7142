package io.forkcast.shared;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CursorPageTest {

    @Test
    void cursorRoundTripsTheLastId() {
        UUID id = Ids.newId();

        assertThat(CursorPage.decode(CursorPage.encode(id))).isEqualTo(id);
    }

    @Test
    void extraRowMeansANextPage() {
        List<UUID> fetched = List.of(Ids.newId(), Ids.newId(), Ids.newId());

        CursorPage<UUID> page = CursorPage.of(fetched, 2, Function.identity(), Function.identity());

        assertThat(page.items()).containsExactly(fetched.get(0), fetched.get(1));
        assertThat(CursorPage.decode(page.nextCursor())).isEqualTo(fetched.get(1));
    }

    @Test
    void noExtraRowMeansTheLastPage() {
        CursorPage<UUID> page = CursorPage.of(List.of(Ids.newId()), 2, Function.identity(), Function.identity());

        assertThat(page.nextCursor()).isNull();
    }

    @Test
    void foreignCursorIsABadRequest() {
        assertThatThrownBy(() -> CursorPage.decode("not-ours"))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.status().value()).isEqualTo(400));
    }

    @Test
    void idsAreTimeOrdered() {
        UUID first = Ids.newId();
        UUID second = Ids.newId();

        assertThat(first.version()).isEqualTo(7);
        assertThat(Long.compareUnsigned(first.getMostSignificantBits(), second.getMostSignificantBits()))
                .isLessThanOrEqualTo(0);
    }
}
