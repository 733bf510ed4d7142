package io.forkcast.tenancy;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/**
 * The platform operator's bearer token. Taken from {@code forkcast.tenancy.admin-token}; on the embedded
 * default, generated once and kept in a file only its owner can read (the log names the file, never the token).
 * Only its SHA-256 is kept in memory, and presented tokens are compared in constant time.
 */
@Component
class AdminToken {

    private static final Logger log = LoggerFactory.getLogger(AdminToken.class);
    private static final int MIN_LENGTH = 24;

    private final byte[] digest;

    AdminToken(TenancyProperties properties) {
        String token = properties.adminToken();
        if (token == null || token.isBlank()) {
            if (!properties.generateAdminToken()) {
                throw new IllegalStateException("No platform admin token: set forkcast.tenancy.admin-token "
                        + "(environment variable FORKCAST_TENANCY_ADMIN_TOKEN).");
            }
            token = readOrGenerate(properties.adminTokenFile());
        } else if (token.strip().length() < MIN_LENGTH) {
            throw new IllegalStateException("forkcast.tenancy.admin-token must be at least " + MIN_LENGTH
                    + " characters long.");
        }
        this.digest = sha256(token.strip());
    }

    boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(digest, sha256(presented));
    }

    private static String readOrGenerate(Path file) {
        try {
            if (Files.exists(file)) {
                log.info("Platform admin token read from {}", file.toAbsolutePath());
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            byte[] bytes = new byte[32];
            new SecureRandom().nextBytes(bytes);
            String token = "fka_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            } catch (UnsupportedOperationException notPosix) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException raced) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.writeString(file, token + System.lineSeparator(), StandardCharsets.UTF_8);
            log.info("Generated a platform admin token in {} (readable by its owner only)", file.toAbsolutePath());
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the admin token file " + file, e);
        }
    }

    private static byte[] sha256(String value) {
        return ApiKeys.sha256(value).getBytes(StandardCharsets.US_ASCII);
    }
}
