package io.forkcast.shared;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** The embedded database file is readable by its owner only, like the development secrets beside it. */
class EmbeddedDatabaseFileTest {

    @TempDir
    Path data;

    @Test
    void aNewDatabaseFileIsOwnerOnlyAndH2UsesIt() throws Exception {
        Path file = data.resolve("forkcast.mv.db");

        try (HikariDataSource dataSource = prepared("jdbc:h2:file:" + data.resolve("forkcast") + ";MODE=PostgreSQL");
             Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("create table kept (id int)");
            statement.execute("insert into kept values (42)");
            connection.commit();
        }

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.size(file)).isPositive();
        try (HikariDataSource reopened = prepared("jdbc:h2:file:" + data.resolve("forkcast"));
             Connection connection = reopened.getConnection();
             var rows = connection.createStatement().executeQuery("select id from kept")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getInt(1)).isEqualTo(42);
        }
    }

    @Test
    void anExistingWorldReadableFileIsNarrowedToItsOwner() throws Exception {
        Path file = data.resolve("old.mv.db");
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));

        prepared("jdbc:h2:file:" + data.resolve("old")).close();

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void inMemoryAndServerDatabasesAreLeftAlone() {
        assertThat(EmbeddedDatabaseFile.databaseFile("jdbc:h2:mem:forkcast;MODE=PostgreSQL")).isEmpty();
        assertThat(EmbeddedDatabaseFile.databaseFile("jdbc:postgresql://127.0.0.1:5432/forkcast")).isEmpty();
    }

    private static HikariDataSource prepared(String url) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername("sa");
        dataSource.setAutoCommit(false);
        return (HikariDataSource) new EmbeddedDatabaseFile().postProcessBeforeInitialization(dataSource, "dataSource");
    }
}
