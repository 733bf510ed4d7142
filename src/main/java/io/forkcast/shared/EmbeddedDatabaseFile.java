package io.forkcast.shared;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.util.Locale;
import java.util.Optional;

/**
 * The embedded default's H2 database file is readable by its owner only, like the secret files beside it: it holds
 * the tenants' data. H2 creates its file with the process's umask (usually world-readable), so the file is created
 * empty and owner-only before H2 first opens it (H2 takes an empty file for a new database); an existing file is
 * narrowed to owner-only.
 */
@Component
class EmbeddedDatabaseFile implements BeanPostProcessor {

    private static final String FILE_URL = "jdbc:h2:file:";

    @Override
    public Object postProcessBeforeInitialization(Object bean, String beanName) {
        if (bean instanceof HikariDataSource dataSource && dataSource.getJdbcUrl() != null) {
            databaseFile(dataSource.getJdbcUrl()).ifPresent(EmbeddedDatabaseFile::ownerOnly);
        }
        return bean;
    }

    /** The {@code .mv.db} file of an H2 file URL ({@code jdbc:h2:file:./data/forkcast;MODE=...}). */
    static Optional<Path> databaseFile(String jdbcUrl) {
        if (!jdbcUrl.toLowerCase(Locale.ROOT).startsWith(FILE_URL)) {
            return Optional.empty();
        }
        String rest = jdbcUrl.substring(FILE_URL.length());
        int settings = rest.indexOf(';');
        String base = settings < 0 ? rest : rest.substring(0, settings);
        if (base.startsWith("~")) {
            base = System.getProperty("user.home") + base.substring(1);
        }
        return Optional.of(Path.of(base + ".mv.db"));
    }

    static void ownerOnly(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            try {
                DevelopmentSecretFile.createOwnerOnly(file);
            } catch (FileAlreadyExistsException exists) {
                PosixFileAttributeView view = Files.getFileAttributeView(file, PosixFileAttributeView.class);
                if (view != null) {
                    view.setPermissions(DevelopmentSecretFile.OWNER_ONLY);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot make the database file readable by its owner only: " + file, e);
        }
    }
}
