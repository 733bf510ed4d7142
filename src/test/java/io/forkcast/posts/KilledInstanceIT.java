package io.forkcast.posts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.Browser;
import io.forkcast.support.PostgresTestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * An instance killed with {@code kill -9} in the middle of publishing: the packaged application run as real
 * processes on PostgreSQL. One process hosts the pretend Facebook (sandbox on, jobs off), so what was published
 * survives the kill; instance A publishes and is killed mid-batch; instance B takes over the jobs A held once A's
 * heartbeats stop, reconciles what A may have published, and finishes. Every post is published exactly once.
 */
class KilledInstanceIT {

    private static final String PAGE = PostingFixtures.PAGE;
    private static final String INSTAGRAM = PostingFixtures.INSTAGRAM;
    private static final int REQUESTS = 30;
    /** Tells this run's processes from any other process on the machine. */
    private static final String INSTANCE_TAG = UUID.randomUUID().toString().substring(0, 8);

    private final List<Process> processes = new ArrayList<>();
    private String database;

    @AfterEach
    void killEverything() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            process.waitFor();
        }
    }

    @Test
    void afterKillMinus9MidBatchEveryPostIsPublishedExactlyOnce() throws Exception {
        // Its own database: application contexts of other tests stay alive in this JVM, and their job runners
        // would otherwise take this test's publish jobs.
        database = PostgresTestDatabase.recreateSeparate("killed");
        Path media = Files.createTempDirectory("forkcast-kill-media");
        int sandboxPort = freePort();
        start("sandbox", sandboxPort, List.of("--forkcast.jobs.enabled=false",
                "--forkcast.sandbox.graph-latency=250ms", "--forkcast.sandbox.instagram-publishing-limit=1000"), media);
        String sandbox = "http://127.0.0.1:" + sandboxPort;
        List<String> publisher = List.of("--forkcast.sandbox.enabled=false",
                "--forkcast.meta.graph-base-url=" + sandbox + "/sandbox/graph",
                "--forkcast.meta.dialog-base-url=" + sandbox + "/sandbox/www",
                "--forkcast.jobs.threads=4", "--forkcast.jobs.polling-interval=500ms",
                "--forkcast.jobs.heartbeat-interval=1s", "--forkcast.jobs.missed-heartbeats-limit=4",
                "--forkcast.posts.retry-base-delay=1s");
        int portA = freePort();
        Process a = start("a", portA, publisher, media);
        ApiClient api = new ApiClient(portA);
        String tenant = api.createTenant("Kill Diner " + System.nanoTime(), "enterprise");
        String key = api.createKey(tenant, "read", "write");
        Map<String, String> accounts = PostingFixtures.connect(api, tenant, key);
        String asset = PostingFixtures.upload(portA, tenant, key);

        Instant due = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
        PostingFixtures.createInParallel(List.of(api), tenant, key, accounts, asset, "Killed batch ", REQUESTS, due);
        ApiClient sandboxApi = new ApiClient(sandboxPort);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> published(sandboxApi).size() >= 8);
        a.destroyForcibly().waitFor();
        int beforeKill = published(sandboxApi).size();
        assertThat(beforeKill).as("killed mid-batch").isLessThan(2 * REQUESTS);

        int portB = freePort();
        start("b", portB, publisher, media);
        ApiClient onB = new ApiClient(portB);
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> onB.get("/api/v1/tenants/" + tenant + "/posts?status=published&limit=200", key).body()
                        .path("items").size() == REQUESTS);
        List<JsonNode> published = published(sandboxApi);
        Set<String> distinct = new HashSet<>();
        published.forEach(p -> distinct.add(p.path("owner_id").asString() + "|" + p.path("caption").asString()));
        assertThat(distinct).as("every post on the platform").hasSize(2 * REQUESTS);
        assertThat(published).as("none twice (%d were out before the kill)", beforeKill).hasSize(2 * REQUESTS);
    }

    private static List<JsonNode> published(ApiClient sandbox) {
        List<JsonNode> all = new ArrayList<>();
        sandbox.get("/sandbox/admin/published", null).body().path("data").forEach(all::add);
        return all.stream().filter(p -> p.path("caption").asString().startsWith("Killed batch ")).toList();
    }

    /** Starts the packaged application on the postgres profile as a process of its own and waits until it is ready. */
    private Process start(String name, int port, List<String> settings, Path media) throws Exception {
        File jar = packagedJar();
        Path work = Files.createTempDirectory("forkcast-kill-" + name);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.getAbsolutePath(),
                "--spring.profiles.active=postgres",
                "--spring.config.additional-location=file:" + new File("src/test/resources/application-test-postgres.yaml")
                        .getAbsolutePath(),
                "--spring.datasource.url=" + database, "--server.port=" + port,
                "--forkcast.assets.local-root=" + media, "--forkcast.instance-id=" + name + "-" + INSTANCE_TAG,
                // Small pools: the server's connections are shared with everything else the tests run.
                "--spring.datasource.hikari.maximum-pool-size=6", "--spring.datasource.hikari.minimum-idle=1",
                "--logging.level.root=warn"));
        command.addAll(settings);
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(new File("target/killed-instance-" + name + ".log")).start();
        processes.add(process);
        HttpClient http = HttpClient.newHttpClient();
        String instance = name + "-" + INSTANCE_TAG;
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as(name + " exited; see target/killed-instance-" + name + ".log").isTrue();
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding());
                // This process, not another one that took the port first.
                return ready.statusCode() == 200
                        && ready.headers().firstValue("X-Forkcast-Instance").orElse("").equals(instance);
            } catch (IOException e) {
                return false;
            }
        });
        return process;
    }

    private static File packagedJar() {
        File[] jars = new File("target").listFiles((dir, file) -> file.startsWith("forkcast-")
                && file.endsWith(".jar"));
        assertThat(jars).as("the packaged jar (mvn package runs before the integration tests)").isNotEmpty();
        return jars[0];
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
