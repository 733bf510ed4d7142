package io.forkcast.sandbox;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** The sandbox must never answer in production: with the {@code prod} profile active, start-up fails. */
@Component
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class SandboxGuard {

    SandboxGuard(Environment environment) {
        if (environment.matchesProfiles("prod")) {
            throw new IllegalStateException("The sandbox is on in the prod profile: set forkcast.sandbox.enabled=false "
                    + "(environment FORKCAST_SANDBOX_ENABLED=false).");
        }
    }
}
