package io.forkcast.support;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.test.context.bean.override.convention.TestBean;

import java.time.Clock;

/**
 * Base of the tests of the connect flow, the Graph client and the sandbox: the whole application over HTTP on
 * in-memory H2, the Graph client talking to the sandbox of the same instance, and a clock the test moves.
 * The sandbox and the clock are reset before each test.
 */
public abstract class SandboxedApiTest extends EmbeddedApiTest {

    protected static final MutableClock CLOCK = new MutableClock();

    @TestBean(name = "clock")
    Clock clock;

    static Clock clock() {
        return CLOCK;
    }

    @BeforeEach
    void resetSandboxAndClock() {
        CLOCK.reset();
        ApiClient.Response reset = api().post("/sandbox/admin/reset", null, null);
        if (reset.status() != 204) {
            throw new IllegalStateException("Sandbox reset failed: " + reset.status());
        }
    }
}
