package io.forkcast.sandbox.meta;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/** Meta's CDN for the sandbox: the profile pictures its Graph answers point at. */
@RestController
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class SandboxCdnController {

    static final String PICTURES = "/sandbox/cdn/pictures";

    private final MetaSandbox sandbox;
    private final SandboxExtras extras;

    SandboxCdnController(MetaSandbox sandbox, SandboxExtras extras) {
        this.sandbox = sandbox;
        this.extras = extras;
    }

    @GetMapping(PICTURES + "/{accountId}.png")
    ResponseEntity<byte[]> picture(@PathVariable String accountId) {
        String name = sandbox.sandboxUser().pages().stream()
                .filter(p -> accountId.equals(p.id()) || accountId.equals(p.instagramId()))
                .map(p -> accountId.equals(p.id()) ? p.name() : p.instagramUsername())
                .findFirst().orElse(null);
        if (name == null && !"silhouette".equals(accountId)) {
            return ResponseEntity.notFound().build();
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_PNG)
                .cacheControl(CacheControl.maxAge(Duration.ofDays(1)))
                .body(extras.picture(accountId, name == null ? " " : name));
    }
}
