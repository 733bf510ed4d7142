package io.forkcast.webhooks;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * A real HTTPS server on 127.0.0.1 with the test certificate (webhooks/receiver.p12, which the application trusts
 * through an SSL bundle): records every request, and answers each path with the statuses queued for it, then 204.
 */
final class HttpsReceiver implements AutoCloseable {

    record Received(String path, String id, String timestamp, String signature, String body) {
    }

    private final HttpsServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, ConcurrentLinkedQueue<Integer>> answers = new ConcurrentHashMap<>();
    private final Map<String, Integer> always = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final Map<String, Duration> delays = new ConcurrentHashMap<>();

    HttpsReceiver() throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = HttpsReceiver.class.getResourceAsStream("/webhooks/receiver.p12")) {
            store.load(in, "test-receiver".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "test-receiver".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        // Requests side by side, as a real receiver takes them: a slow answer holds up no other.
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            String path = exchange.getRequestURI().getPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(new Received(path, exchange.getRequestHeaders().getFirst("webhook-id"),
                    exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    exchange.getRequestHeaders().getFirst("webhook-signature"), body));
            Duration delay = delays.get(path);
            if (delay != null) {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer queued = answers.getOrDefault(path, new ConcurrentLinkedQueue<>()).poll();
            int status = queued != null ? queued : always.getOrDefault(path, 204);
            byte[] answer = status == 204 ? new byte[0] : ("answer " + status).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            if (answer.length > 0) {
                exchange.getResponseBody().write(answer);
            }
            exchange.close();
        });
        server.start();
    }

    String url(String path) {
        return "https://localhost:" + server.getAddress().getPort() + path;
    }

    /** The next answers of the path, in order; after them, 204 (or what {@link #alwaysAnswer} set). */
    void answer(String path, Integer... statuses) {
        answers.computeIfAbsent(path, p -> new ConcurrentLinkedQueue<>()).addAll(List.of(statuses));
    }

    /** Holds every request of the path this long (recorded on arrival) before answering. */
    void delay(String path, Duration delay) {
        delays.put(path, delay);
    }

    void alwaysAnswer(String path, int status) {
        always.put(path, status);
    }

    List<Received> at(String path) {
        return new ArrayList<>(received.stream().filter(r -> r.path().equals(path)).toList());
    }

    List<Received> awaitAt(String path, int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> at(path).size() >= count);
        return at(path);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
