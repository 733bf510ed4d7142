package io.forkcast.sandbox;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SandboxGuardTest {

    @Test
    void sandboxRefusesToStartInTheProdProfile() {
        MockEnvironment prod = new MockEnvironment();
        prod.setActiveProfiles("prod");

        assertThatThrownBy(() -> new SandboxGuard(prod))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("forkcast.sandbox.enabled=false");
    }

    @Test
    void sandboxStartsOutsideProd() {
        assertThatCode(() -> new SandboxGuard(new MockEnvironment())).doesNotThrowAnyException();
    }
}
