package io.forkcast.webhooks;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Posts one signed message to an endpoint over HTTPS: no redirects followed, bounded connect and answer times, only
 * the first 500 characters of the answer read. The host's addresses are checked before every attempt.
 */
@Component
class WebhookSender {

    static final int EXCERPT = 500;

    /** What came of one attempt; {@code status} is {@code null} when the endpoint did not answer. */
    record Outcome(Integer status, int latencyMs, String error, String excerpt) {

        boolean delivered() {
            return status != null && status >= 200 && status < 300;
        }
    }

    private final HttpClient client;
    private final PublicAddresses addresses;
    private final Duration readTimeout;

    WebhookSender(WebhooksProperties properties, ObjectProvider<SslBundles> bundles) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.connectTimeout());
        if (properties.sslBundle() != null && !properties.sslBundle().isBlank()) {
            builder.sslContext(bundles.getObject().getBundle(properties.sslBundle()).createSslContext());
        }
        this.client = builder.build();
        this.addresses = new PublicAddresses(properties.allowPrivateAddresses());
        this.readTimeout = properties.readTimeout();
    }

    Outcome send(URI url, String messageId, long timestampSeconds, String signatures, String body) {
        String refusal = addresses.refusal(url.getHost());
        if (refusal != null) {
            return new Outcome(null, 0, refusal, null);
        }
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(readTimeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "Forkcast-Webhooks/1")
                .header("webhook-id", messageId)
                .header("webhook-timestamp", Long.toString(timestampSeconds))
                .header("webhook-signature", signatures)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        long started = System.nanoTime();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String excerpt;
            try (InputStream in = response.body()) {
                excerpt = new String(in.readNBytes(EXCERPT * 4), StandardCharsets.UTF_8);
            }
            excerpt = excerpt.length() > EXCERPT ? excerpt.substring(0, EXCERPT) : excerpt;
            int status = response.statusCode();
            return new Outcome(status, elapsed(started),
                    status >= 200 && status < 300 ? null : "The endpoint answered " + status + ".",
                    excerpt.isEmpty() ? null : excerpt);
        } catch (HttpTimeoutException e) {
            return new Outcome(null, elapsed(started), "No answer within " + readTimeout.toSeconds() + " s.", null);
        } catch (IOException e) {
            return new Outcome(null, elapsed(started), "Could not reach the endpoint: " + describe(e), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, elapsed(started), "Interrupted while sending.", null);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        return text.length() > 300 ? text.substring(0, 300) : text;
    }

    private static int elapsed(long started) {
        return (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
    }
}
