package io.forkcast.meta;

import io.forkcast.shared.PublicUrls;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import java.net.URI;

/**
 * Where Graph and the OAuth dialog live. Configured hosts win; without them, the sandbox of this very instance
 * when it is on (resolved at call time, because the port is known only once the server started), else Meta.
 */
@Component
class GraphEndpoints {

    static final URI META_GRAPH = URI.create("https://graph.facebook.com");
    static final URI META_DIALOG = URI.create("https://www.facebook.com");
    static final URI META_RUPLOAD = URI.create("https://rupload.facebook.com");

    private final MetaProperties properties;
    private final PublicUrls publicUrls;
    private final boolean sandbox;

    GraphEndpoints(MetaProperties properties, PublicUrls publicUrls, Environment environment) {
        this.properties = properties;
        this.publicUrls = publicUrls;
        this.sandbox = environment.getProperty("forkcast.sandbox.enabled", Boolean.class, true);
    }

    URI graph() {
        if (properties.graphBaseUrl() != null) {
            return trimmed(properties.graphBaseUrl());
        }
        return sandbox ? URI.create(publicUrls.base() + "/sandbox/graph") : META_GRAPH;
    }

    URI dialog() {
        if (properties.dialogBaseUrl() != null) {
            return trimmed(properties.dialogBaseUrl());
        }
        return sandbox ? URI.create(publicUrls.base() + "/sandbox/www") : META_DIALOG;
    }

    /** Meta's resumable upload host (Reels and video Stories); never taken from an answer, so a token goes nowhere else. */
    URI rupload() {
        if (properties.ruploadBaseUrl() != null) {
            return trimmed(properties.ruploadBaseUrl());
        }
        return sandbox ? URI.create(publicUrls.base() + "/sandbox/rupload") : META_RUPLOAD;
    }

    private static URI trimmed(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
