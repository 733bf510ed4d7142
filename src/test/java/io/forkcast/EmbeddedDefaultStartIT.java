package io.forkcast;

import io.forkcast.support.ApiClient;
import io.forkcast.support.PackagedInstances;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipFile;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The packaged jar started as a small instance runs in production ({@code docs/operations.md}, "Start-up time"): the
 * embedded default with Spring's ahead-of-time code and the small instance's JVM flags, in a working directory of
 * its own. It serves what needs the database (the repositories are made after the context, Hibernate beside the
 * start), and a stop (SIGTERM) is a clean one: the database stays open until the jobs and listeners have finished.
 */
class EmbeddedDefaultStartIT {

    private static final String AOT_INITIALIZER = "io/forkcast/ForkcastApplication__ApplicationContextInitializer.class";

    @Test
    void theSmallInstanceStartServesAndStopsCleanly(@TempDir Path work) throws Exception {
        File jar = PackagedInstances.packagedJar();
        assumeThat(hasAheadOfTimeCode(jar))
                .as("the jar holds Spring's ahead-of-time code only when Maven runs on JDK 21 or later").isTrue();
        Path log = Path.of("target", "embedded-default-start.log");
        int port = PackagedInstances.freePort();
        String instance = "small-instance-" + UUID.randomUUID();
        Process process = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-Xmx192m", "-XX:TieredStopAtLevel=1", "-Dspring.aot.enabled=true",
                "-jar", jar.getAbsolutePath(), "--server.port=" + port, "--forkcast.instance-id=" + instance,
                "--forkcast.tenancy.admin-token=" + OPERATOR_TOKEN,
                "--logging.structured.format.console="))
                .directory(work.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            PackagedInstances.awaitReady(process, port, instance, log.toString());
            ApiClient api = new ApiClient(port);

            String tenant = api.createTenant("Small Instance Bistro", "basic");
            String key = api.createKey(tenant);
            ApiClient.Response read = api.get("/api/v1/tenants/" + tenant, key);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.text("name")).isEqualTo("Small Instance Bistro");

            process.destroy();
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).as("stopped within 90 s; see " + log).isTrue();
        } finally {
            process.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        assertThat(output).contains("Started ForkcastApplication").contains("AOT-processed")
                .contains("Graceful shutdown complete");
        assertThat(output.lines().filter(line -> line.contains(" ERROR ")).toList()).as("errors in " + log).isEmpty();
        assertThat(output).doesNotContain("Database is already closed");
    }

    private static boolean hasAheadOfTimeCode(File jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar)) {
            return zip.stream().anyMatch(entry -> entry.getName().endsWith(AOT_INITIALIZER));
        }
    }
}
