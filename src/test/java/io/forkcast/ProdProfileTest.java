package io.forkcast;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.WebApplicationType;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The prod profile refuses to start with generated secrets or with the sandbox on. */
class ProdProfileTest {

    /** Starts Forkcast on the prod profile with command-line arguments, as an operator would. */
    private static void startProd(String... arguments) {
        List<String> args = new ArrayList<>(List.of(
                "--spring.datasource.url=jdbc:h2:mem:prod-" + UUID.randomUUID()
                        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "--forkcast.tenancy.admin-token=prod-operator-token-0123456789abcdef",
                "--forkcast.jobs.enabled=false", "--server.port=0"));
        args.addAll(List.of(arguments));
        new SpringApplicationBuilder(ForkcastApplication.class).web(WebApplicationType.SERVLET).profiles("prod")
                .run(args.toArray(String[]::new)).close();
    }

    @Test
    void prodWithoutAVaultKeyFailsNamingTheProperty() {
        assertThatThrownBy(ProdProfileTest::startProd)
                .rootCause().hasMessageContaining("forkcast.vault.keys");
    }

    @Test
    void prodWithTheSandboxOnFailsNamingTheProperty() {
        assertThatThrownBy(() -> startProd("--forkcast.vault.keys.k1=" + "A".repeat(43) + "=",
                "--forkcast.sandbox.enabled=true"))
                .rootCause().hasMessageContaining("forkcast.sandbox.enabled=false");
    }
}
