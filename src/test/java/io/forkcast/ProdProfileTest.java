package io.forkcast;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prod profile refuses to start with generated secrets or with the sandbox on. */
class ProdProfileTest {

    private static SpringApplicationBuilder prod() {
        return new SpringApplicationBuilder(ForkcastApplication.class)
                .web(WebApplicationType.SERVLET)
                .profiles("prod")
                .properties("spring.datasource.url=jdbc:h2:mem:prod-" + UUID.randomUUID()
                                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                        "forkcast.tenancy.admin-token=prod-operator-token-0123456789abcdef",
                        "forkcast.jobs.enabled=false", "server.port=0");
    }

    @Test
    void prodWithoutAVaultKeyFailsNamingTheProperty() {
        assertThatThrownBy(() -> prod().run().close())
                .rootCause().hasMessageContaining("forkcast.vault.keys");
    }

    @Test
    void prodWithTheSandboxOnFailsNamingTheProperty() {
        // Command-line arguments, as an operator would pass them: they win over the profile's settings.
        assertThatThrownBy(() -> prod().run("--forkcast.vault.keys.k1=" + "A".repeat(43) + "=",
                "--forkcast.sandbox.enabled=true").close())
                .rootCause().hasMessageContaining("forkcast.sandbox.enabled=false");
    }
}
