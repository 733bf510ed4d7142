package io.forkcast.approvals;

import io.forkcast.shared.DomainException;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The share links' per-address budget: past it, 429; another address has its own. */
class ShareLinkRateTest {

    @Test
    void anAddressPastItsBudgetIsRefusedWith429_anotherIsNot() {
        ShareLinks links = new ShareLinks(null, null, null, null, null, null, null,
                new ApprovalsProperties(Duration.ofDays(7), 3), Clock.systemUTC());
        for (int i = 0; i < 3; i++) {
            links.countRequest("198.51.100.7");
        }
        assertThatThrownBy(() -> links.countRequest("198.51.100.7")).isInstanceOf(DomainException.class)
                .satisfies(e -> assertThat(((DomainException) e).status().value()).isEqualTo(429));
        links.countRequest("198.51.100.8");
    }
}
