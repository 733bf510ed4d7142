package io.forkcast.shared.web;

import io.forkcast.support.ApiClient;
import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.support.RawHttp;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON bodies are bounded ({@code forkcast.http.max-json-body-size}, 1 MB by default): a larger one is refused with
 * 413 before it is read whole, and an error repeats no more than the first characters of a value it refuses.
 */
class BoundedInputTest extends EmbeddedApiTest {

    private static final int MB = 1024 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeAByteOfItIsSent() throws Exception {
        try (Socket socket = RawHttp.open(port)) {
            startJsonPost(socket, "Content-Length: " + 50 * MB).flush();

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
            assertThat(response.header("X-Request-Id")).isNotBlank();
            assertThat(JSON.readTree(response.body()).path("detail").asString()).contains("1 MB");
        }
    }

    @Test
    void aChunkedBodyIsRefusedOnceItPassesTheLimitWithoutWaitingForTheRest() throws Exception {
        try (Socket socket = RawHttp.open(port)) {
            OutputStream out = startJsonPost(socket, "Transfer-Encoding: chunked");
            byte[] opening = "{\"name\":\"".getBytes(StandardCharsets.US_ASCII);
            out.write((Integer.toHexString(opening.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(opening);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "a".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int sent = 0; sent < 2 * MB; sent += chunk.length) {
                out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                out.write(chunk);
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
            // The body is not finished (no last chunk): the answer comes all the same.

            RawHttp.Response response = RawHttp.read(socket.getInputStream());

            assertThat(response.status()).isEqualTo(413);
            assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        }
    }

    @Test
    void aBodyUnderTheLimitIsServed() {
        String name = "Under The Limit " + System.nanoTime();
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", name, "email", "under@example.com", "plan", "basic", "timezone", "Europe/Rome"));

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
    }

    @Test
    void anErrorRepeatsOnlyTheFirstCharactersOfWhatItRefuses() {
        String longName = "x".repeat(10_000);
        ApiClient.Response unknown = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                "{\"" + longName + "\":1}");

        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.raw().body().length()).isLessThan(600);
        assertThat(unknown.text("detail")).contains("x".repeat(40)).doesNotContain("x".repeat(41));
    }

    @Test
    void eightConcurrentFiftyMegabyteBodiesAreAllRefusedWhileTheInstanceKeepsAnswering() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        AtomicBoolean sending = new AtomicBoolean(true);
        AtomicInteger healthAnswers = new AtomicInteger();
        List<Integer> healthFailures = new ArrayList<>();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<?> health = threads.submit(() -> {
                while (sending.get()) {
                    int status = api().get("/actuator/health/liveness", null).status();
                    if (status == 200) {
                        healthAnswers.incrementAndGet();
                    } else {
                        synchronized (healthFailures) {
                            healthFailures.add(status);
                        }
                    }
                }
                return null;
            });
            List<Future<HttpResponse<String>>> uploads = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                boolean chunked = i % 2 == 1;
                uploads.add(threads.submit(() -> http.send(fiftyMegabytes(chunked), HttpResponse.BodyHandlers.ofString())));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<HttpResponse<String>> upload : uploads) {
                HttpResponse<String> response = upload.get();
                statuses.add(response.statusCode());
                assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            }
            sending.set(false);
            health.get();

            assertThat(statuses).containsOnly(413).hasSize(8);
            assertThat(healthFailures).isEmpty();
            assertThat(healthAnswers.get()).isPositive();
        }
        assertThat(api().get("/api/v1/tenants?limit=100", ApiClient.OPERATOR_TOKEN).raw().body())
                .doesNotContain("Fifty Megabytes");
    }

    /** Writes the head of a JSON POST creating a tenant, with the header that announces the body. */
    private static OutputStream startJsonPost(Socket socket, String bodyHeader) throws java.io.IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("POST /api/v1/tenants HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                + ApiClient.OPERATOR_TOKEN + "\r\nContent-Type: application/json\r\n" + bodyHeader + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        return out;
    }

    /** A 50 MB JSON body made as it is sent, with its length declared or in chunks. */
    private HttpRequest fiftyMegabytes(boolean chunked) {
        byte[] head = "{\"name\":\"Fifty Megabytes\",\"email\":\"big@example.com\",\"plan\":\"basic\",\"timezone\":\""
                .getBytes(StandardCharsets.US_ASCII);
        long filler = 50L * MB;
        byte[] tail = "\"}".getBytes(StandardCharsets.US_ASCII);
        java.util.function.Supplier<InputStream> body = () -> new SequenceInputStream(java.util.Collections.enumeration(
                List.of(new java.io.ByteArrayInputStream(head), new Filler(filler),
                        new java.io.ByteArrayInputStream(tail))));
        HttpRequest.BodyPublisher publisher = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(body)
                : HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(body),
                        head.length + filler + tail.length);
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/tenants"))
                .timeout(Duration.ofSeconds(120))
                .header("Authorization", "Bearer " + ApiClient.OPERATOR_TOKEN)
                .header("Content-Type", "application/json")
                .POST(publisher).build();
    }

    /** {@code length} letters, never held in memory at once. */
    private static final class Filler extends InputStream {

        private long remaining;

        Filler(long length) {
            this.remaining = length;
        }

        @Override
        public int read() {
            if (remaining <= 0) {
                return -1;
            }
            remaining--;
            return 'a';
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (remaining <= 0) {
                return -1;
            }
            int n = (int) Math.min(length, remaining);
            java.util.Arrays.fill(buffer, offset, offset + n, (byte) 'a');
            remaining -= n;
            return n;
        }
    }
}
