package io.forkcast.shared;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;

/**
 * The address at which the outside world (a browser coming back from Facebook, Instagram fetching an image)
 * reaches this Forkcast. Configured with {@code forkcast.public-base-url} (behind a load balancer, the public
 * HTTPS address); when not configured (the embedded default, tests), {@code http://localhost:<port>} with the
 * port the server actually listens on.
 */
@Component
public class PublicUrls {

    /**
     * Settings shared by every module ({@code forkcast.*}).
     *
     * @param publicBaseUrl the address at which browsers and Meta reach this Forkcast: behind a load balancer, its
     *                      public HTTPS address; when empty, {@code http://localhost:<port>} (required, https, on
     *                      the prod profile)
     */
    @ConfigurationProperties("forkcast")
    record Properties(URI publicBaseUrl) {
    }

    private final URI configured;
    private volatile URI local = URI.create("http://localhost:8080");

    PublicUrls(Properties properties) {
        this.configured = properties.publicBaseUrl();
    }

    @EventListener
    void serverStarted(WebServerInitializedEvent event) {
        // A management server on its own port must not win over the application's port.
        if (event.getApplicationContext().getServerNamespace() == null) {
            local = URI.create("http://localhost:" + event.getWebServer().getPort());
        }
    }

    /** The public base address, without a trailing slash. */
    public URI base() {
        URI base = configured != null ? configured : local;
        String text = base.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : base;
    }

    /** An absolute public URL for a path of this application ({@code /api/v1/oauth/facebook/callback}). */
    public URI resolve(String path) {
        return UriComponentsBuilder.fromUri(base()).path(path).build().toUri();
    }

    /** Whether the configured public address is plain HTTP (acceptable on localhost only). */
    public boolean isPlainHttp() {
        return "http".equalsIgnoreCase(base().getScheme());
    }
}
