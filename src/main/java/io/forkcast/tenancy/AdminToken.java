package io.forkcast.tenancy;

import io.forkcast.shared.DevelopmentSecretFile;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * The platform operator's bearer token. Taken from {@code forkcast.tenancy.admin-token}; on the embedded
 * default, generated once and kept in a file only its owner can read (the log names the file, never the token).
 * Only its SHA-256 is kept in memory, and presented tokens are compared in constant time.
 */
@Component
class AdminToken {

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
        return DevelopmentSecretFile.readOrCreate(file, "platform admin token",
                bytes -> "fka_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
    }

    private static byte[] sha256(String value) {
        return ApiKeys.sha256(value).getBytes(StandardCharsets.US_ASCII);
    }
}
