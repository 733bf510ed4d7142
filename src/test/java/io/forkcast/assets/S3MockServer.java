package io.forkcast.assets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A real S3-compatible server for the S3 store's tests: Adobe S3Mock's executable jar (copied from Maven Central
 * into target/s3mock by the build), started in its own JVM on a free port, with one bucket.
 */
final class S3MockServer implements AutoCloseable {

    static final String BUCKET = "forkcast-media";
    private static final Path JAR = Path.of("target", "s3mock", "s3mock.jar");

    private final int port;
    private final Process process;

    private S3MockServer(int port, Process process) {
        this.port = port;
        this.process = process;
    }

    static S3MockServer start() {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException(JAR + " is missing: run the build (mvn generate-test-resources) first");
        }
        int port = freePort();
        try {
            Path root = Files.createTempDirectory("s3mock-");
            String java = ProcessHandle.current().info().command().orElse("java");
            Process process = new ProcessBuilder(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", JAR.toString(),
                    "--server.port=0",
                    "--com.adobe.testing.s3mock.http.port=" + port,
                    "--http.port=" + port,
                    "--com.adobe.testing.s3mock.store.initial-buckets=" + BUCKET,
                    "--com.adobe.testing.s3mock.store.root=" + root,
                    "--spring.main.banner-mode=off",
                    "--logging.level.root=WARN")
                    .redirectErrorStream(true)
                    .redirectOutput(root.resolveSibling(root.getFileName() + ".log").toFile())
                    .start();
            S3MockServer server = new S3MockServer(port, process);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "s3mock-killer"));
            await("S3Mock on port " + port).atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                    .failFast("S3Mock exited", () -> !process.isAlive())
                    .until(server::answers);
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    private boolean answers() {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
