package io.forkcast;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Prints a refused production start as Spring Boot prints its own start-up failures: what, then what to do. */
class ProductionMisconfiguredFailureAnalyzer extends AbstractFailureAnalyzer<ProductionMisconfigured> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, ProductionMisconfigured cause) {
        return new FailureAnalysis(cause.getMessage(),
                "Set the properties named above (or their environment variables), or run without the prod profile "
                        + "on a developer's machine. Properties to fix: " + String.join(", ", cause.properties()),
                cause);
    }
}
