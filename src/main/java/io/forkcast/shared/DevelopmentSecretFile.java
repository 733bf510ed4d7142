package io.forkcast.shared;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.security.SecureRandom;
import java.util.function.Function;

/**
 * A secret the embedded default generates once and keeps in a file under {@code ./data} that only its owner can
 * read (the admin token, the vault key, the media URL key): so a developer needs no configuration, and a restart
 * finds the same secret. The log names the file, never the secret. Production configures its secrets instead.
 */
public final class DevelopmentSecretFile {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentSecretFile.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private DevelopmentSecretFile() {
    }

    /**
     * Reads the secret kept in {@code file}, or generates one from 32 random bytes with {@code encode} and keeps it
     * there, created owner-only before anything is written. Two processes racing to create it end up with the same.
     *
     * @param what what the secret is, for the log ("platform admin token")
     */
    public static String readOrCreate(Path file, String what, Function<byte[], String> encode) {
        try {
            if (Files.exists(file)) {
                log.info("The {} was read from {}", what, file.toAbsolutePath());
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] bytes = new byte[32];
            RANDOM.nextBytes(bytes);
            String secret = encode.apply(bytes);
            try {
                createOwnerOnly(file);
            } catch (FileAlreadyExistsException raced) {
                return Files.readString(file, StandardCharsets.UTF_8).strip();
            }
            Files.writeString(file, secret + System.lineSeparator(), StandardCharsets.UTF_8);
            log.info("Generated a {} in {} (readable by its owner only)", what, file.toAbsolutePath());
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the file of the " + what + ": " + file, e);
        }
    }

    /** Creates an empty file that only its owner can read and write (where the file system knows permissions). */
    static void createOwnerOnly(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
    }

    static final Set<PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rw-------");
}
