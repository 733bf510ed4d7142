package io.forkcast.assets;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The secret that signs media URLs. Taken from {@code forkcast.assets.url-signing-key}; on the embedded default,
 * generated once and kept in a file only its owner can read (the log names the file, never the key).
 */
@Component
class MediaUrlKey {

    private static final Logger log = LoggerFactory.getLogger(MediaUrlKey.class);
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
        try {
            if (Files.exists(file)) {
                log.info("Media URL signing key read from {}", file.toAbsolutePath());
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String generated = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException raced) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.writeString(file, generated + System.lineSeparator(), StandardCharsets.UTF_8);
            log.info("Generated a media URL signing key in {} (readable by its owner only)", file.toAbsolutePath());
            return generated;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the media URL signing key file " + file, e);
        }
    }
}
