package io.forkcast.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged application run as real processes on PostgreSQL, for the tests that kill one with {@code kill -9}:
 * each process on a port of its own, with its own instance id and log under {@code target/}; {@link #close()}
 * kills whatever is still running.
 *
 * <p>The publishing proofs share one set-up: a process that plays Meta and Google ({@link #startSandbox}), so what
 * the networks hold survives any kill, and publishing instances that reach the networks through it and take a dead
 * instance's jobs over within seconds ({@link #startPublisher}).
 */
public final class PackagedInstances implements AutoCloseable {

    /** A running process of the packaged application. */
    public record Instance(String name, Process process, int port) {

        public ApiClient api() {
            return new ApiClient(port);
        }

        public String url() {
            return "http://127.0.0.1:" + port;
        }

        /** {@code kill -9}: the process ends at once, whatever it was doing, and nothing of it runs on. */
        public void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }

    private final String logPrefix;
    private final String database;
    private final Path media;
    /** Tells this run's processes from any other process on the machine. */
    private final String tag = UUID.randomUUID().toString().substring(0, 8);
    private final List<Process> processes = new ArrayList<>();
    private Instance sandbox;

    /**
     * @param logPrefix names the logs, {@code target/<logPrefix>-<name>.log}
     * @param database  the JDBC URL of the database the processes share
     * @param media     the media folder the processes share
     */
    public PackagedInstances(String logPrefix, String database, Path media) {
        this.logPrefix = logPrefix;
        this.database = database;
        this.media = media;
    }

    /**
     * Processes on a database of their own, {@code <test database>_<name>} created empty, and a new media folder:
     * application contexts of other tests stay alive in the test JVM, and their job runners would otherwise take
     * these processes' jobs. Logs are {@code target/<name>-<process>.log}.
     */
    public static PackagedInstances onOwnDatabase(String name) throws IOException {
        return new PackagedInstances(name.replace('_', '-'), PostgresTestDatabase.recreateSeparate(name),
                Files.createTempDirectory("forkcast-" + name + "-media"));
    }

    /**
     * Starts the process that plays Meta and Google for the publishers: the sandbox on, jobs off (it publishes
     * nothing itself). {@code settings} tune the sandbox (latency, processing times).
     */
    public Instance startSandbox(String... settings) throws Exception {
        List<String> all = new ArrayList<>(List.of("--forkcast.jobs.enabled=false"));
        all.addAll(List.of(settings));
        sandbox = startInstance("sandbox", all);
        return sandbox;
    }

    /**
     * Starts an instance that publishes to the networks of {@link #startSandbox} (its own sandbox off, every Meta
     * and Google base URL there) and takes over the jobs of a dead instance a few seconds after its last heartbeat
     * (one a second, four missed), retrying a second after a transient failure. {@code settings} come last and win.
     */
    public Instance startPublisher(String name, String... settings) throws Exception {
        assertThat(sandbox).as("the sandbox process starts first").isNotNull();
        String networks = sandbox.url() + "/sandbox";
        List<String> all = new ArrayList<>(List.of("--forkcast.sandbox.enabled=false",
                "--forkcast.meta.graph-base-url=" + networks + "/graph",
                "--forkcast.meta.dialog-base-url=" + networks + "/www",
                "--forkcast.google.authorization-base-url=" + networks + "/google/accounts",
                "--forkcast.google.oauth-base-url=" + networks + "/google/oauth2",
                "--forkcast.google.account-management-base-url=" + networks + "/google/mybusinessaccountmanagement",
                "--forkcast.google.business-information-base-url=" + networks
                        + "/google/mybusinessbusinessinformation",
                "--forkcast.google.my-business-base-url=" + networks + "/google/mybusiness",
                "--forkcast.google.performance-base-url=" + networks + "/google/businessprofileperformance",
                "--forkcast.jobs.polling-interval=500ms", "--forkcast.jobs.heartbeat-interval=1s",
                "--forkcast.jobs.missed-heartbeats-limit=4", "--forkcast.posts.retry-base-delay=1s"));
        all.addAll(List.of(settings));
        return startInstance(name, all);
    }

    private Instance startInstance(String name, List<String> settings) throws Exception {
        int port = freePort();
        return new Instance(name, start(name, port, settings), port);
    }

    /** Starts the packaged application on the postgres profile and waits until it is ready. */
    public Process start(String name, int port, List<String> settings) throws Exception {
        File jar = packagedJar();
        Path work = Files.createTempDirectory("forkcast-" + logPrefix + "-" + name);
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", jar.getAbsolutePath(),
                "--spring.profiles.active=postgres",
                "--spring.config.additional-location=file:" + new File("src/test/resources/application-test-postgres.yaml")
                        .getAbsolutePath(),
                "--spring.datasource.url=" + database, "--server.port=" + port,
                "--forkcast.assets.local-root=" + media, "--forkcast.instance-id=" + name + "-" + tag,
                // Small pools: the server's connections are shared with everything else the tests run.
                "--spring.datasource.hikari.maximum-pool-size=6", "--spring.datasource.hikari.minimum-idle=1",
                "--logging.level.root=warn"));
        command.addAll(settings);
        String log = "target/" + logPrefix + "-" + name + ".log";
        Process process = new ProcessBuilder(command).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(new File(log)).start();
        processes.add(process);
        awaitReady(process, port, name + "-" + tag, log);
        return process;
    }

    /**
     * Waits until the packaged application in {@code process} answers its readiness on {@code port} as
     * {@code instance} (its {@code forkcast.instance-id}: this process, not another one that took the port first);
     * fails at once if the process exits. {@code log} is named in the failure.
     */
    public static void awaitReady(Process process, int port, String instance, String log) {
        HttpClient http = HttpClient.newHttpClient();
        // Generous: on a busy machine the packaged application takes minutes to start.
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(process.isAlive()).as(instance + " exited; see " + log).isTrue();
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                        + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.discarding());
                return ready.statusCode() == 200
                        && ready.headers().firstValue("X-Forkcast-Instance").orElse("").equals(instance);
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Kills every process still running, and waits for each to end. */
    @Override
    public void close() throws InterruptedException {
        for (Process process : processes) {
            process.destroyForcibly();
        }
        for (Process process : processes) {
            process.waitFor();
        }
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** The executable jar {@code mvn package} made, which runs before the integration tests. */
    public static File packagedJar() {
        File[] jars = new File("target").listFiles((dir, file) -> file.startsWith("forkcast-")
                && file.endsWith(".jar"));
        assertThat(jars).as("the packaged jar (mvn package runs before the integration tests)").isNotEmpty();
        return jars[0];
    }
}
