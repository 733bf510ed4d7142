package io.forkcast.assets;

import io.forkcast.shared.DevelopmentSecretFile;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

/**
 * The secret that signs media URLs. Taken from {@code forkcast.assets.url-signing-key}; on the embedded default,
 * generated once and kept in a file only its owner can read (the log names the file, never the key).
 */
@Component
class MediaUrlKey {

    private static final int MIN_LENGTH = 32;

    private final byte[] key;

    MediaUrlKey(AssetsProperties properties) {
        String configured = properties.urlSigningKey();
        if (configured == null || configured.isBlank()) {
            if (!properties.generateUrlSigningKey()) {
                throw new IllegalStateException("No media URL signing key: set forkcast.assets.url-signing-key "
                        + "(environment variable FORKCAST_ASSETS_URL_SIGNING_KEY), at least " + MIN_LENGTH
                        + " characters.");
            }
            configured = readOrGenerate(properties.urlSigningKeyFile());
        } else if (configured.strip().length() < MIN_LENGTH) {
            throw new IllegalStateException("forkcast.assets.url-signing-key must be at least " + MIN_LENGTH
                    + " characters long.");
        }
        this.key = configured.strip().getBytes(StandardCharsets.UTF_8);
    }

    byte[] bytes() {
        return key.clone();
    }

    private static String readOrGenerate(Path file) {
        return DevelopmentSecretFile.readOrCreate(file, "media URL signing key",
                bytes -> Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }
}
