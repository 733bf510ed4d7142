package io.forkcast.tenancy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@ExtendWith(OutputCaptureExtension.class)
class AdminTokenTest {

    @TempDir
    Path dataDir;

    @Test
    void generatedTokenIsKeptInAnOwnerOnlyFileAndNeverLogged(CapturedOutput output) throws IOException {
        Path file = dataDir.resolve("nested/admin-token");

        AdminToken adminToken = new AdminToken(properties(null, true, file));

        String token = Files.readString(file).strip();
        assertThat(token).hasSizeGreaterThan(40);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(adminToken.matches(token)).isTrue();
        assertThat(output).contains(file.toAbsolutePath().toString()).doesNotContain(token);
    }

    @Test
    void generatedTokenSurvivesARestart() throws IOException {
        Path file = dataDir.resolve("admin-token");
        new AdminToken(properties(null, true, file));
        String token = Files.readString(file).strip();

        AdminToken restarted = new AdminToken(properties(null, true, file));

        assertThat(restarted.matches(token)).isTrue();
    }

    @Test
    void configuredTokenWinsAndWrongOnesAreRefused() {
        AdminToken adminToken = new AdminToken(properties("configured-operator-token-0123456789", true,
                dataDir.resolve("unused")));

        assertThat(adminToken.matches("configured-operator-token-0123456789")).isTrue();
        assertThat(adminToken.matches("configured-operator-token-012345678")).isFalse();
        assertThat(adminToken.matches(null)).isFalse();
        assertThat(dataDir.resolve("unused")).doesNotExist();
    }

    @Test
    void missingTokenWithoutGenerationFailsNamingTheProperty() {
        assertThatThrownBy(() -> new AdminToken(properties(null, false, dataDir.resolve("x"))))
                .hasMessageContaining("forkcast.tenancy.admin-token")
                .hasMessageContaining("FORKCAST_TENANCY_ADMIN_TOKEN");
    }

    @Test
    void shortConfiguredTokenIsRefused() {
        assertThatThrownBy(() -> new AdminToken(properties("short", true, dataDir.resolve("x"))))
                .hasMessageContaining("at least 24");
    }

    private static TenancyProperties properties(String token, boolean generate, Path file) {
        return new TenancyProperties(token, generate, file,
                Map.of("basic", new TenancyProperties.PlanLimits(100, 10)), "basic", Duration.ofSeconds(30),
                Duration.ofMinutes(5), false, Duration.ofDays(7), Duration.ofHours(1), Duration.ofDays(30));
    }
}
