package io.forkcast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A private {@code redis-server} that a test may kill and start again on the same port, without touching the
 * shared Redis. Nothing is persisted: a restarted server is empty. Close it in an {@code @AfterAll} or a
 * {@code finally}; a shutdown hook also kills it should the test JVM end first.
 */
public final class RedisServerProcess implements AutoCloseable {

    private static final String BINARY = "/usr/bin/redis-server";

    private final int port;
    private Process process;

    private RedisServerProcess(int port) {
        this.port = port;
        Runtime.getRuntime().addShutdownHook(new Thread(this::kill, "redis-server-" + port + "-killer"));
    }

    /** Starts a server on a port nobody uses. */
    public static RedisServerProcess startOnFreePort() {
        RedisServerProcess server = new RedisServerProcess(freePort());
        server.start();
        return server;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Starts the server (again) on its port and returns once it answers PING; does nothing if it runs. */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        try {
            process = new ProcessBuilder(BINARY, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                    "--save", "", "--appendonly", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + BINARY, e);
        }
        Process started = process;
        await("redis-server on port " + port)
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(50))
                .failFast("redis-server exited", () -> !started.isAlive())
                .until(() -> RedisKeys.answers(url()));
    }

    /** Kills the server at once (SIGKILL), as a crash would, and waits until it is gone. */
    public synchronized void kill() {
        if (process == null) {
            return;
        }
        process.destroyForcibly();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("redis-server on port " + port + " did not die");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process = null;
    }

    @Override
    public void close() {
        kill();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
