package io.forkcast.assets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The local store's hand-over of an upload's file: moved into place on the same file system, not copied. */
class LocalMediaStoreTest {

    @TempDir
    Path temporary;

    @Test
    void aFileHandedOverOnTheSameFileSystemIsMovedIntoPlace() throws IOException {
        LocalMediaStore store = new LocalMediaStore(temporary.resolve("media"));
        Path upload = Files.write(temporary.resolve("upload.bin"), new byte[] {1, 2, 3});

        store.take("tenant/asset/original.jpg", upload, "image/jpeg");

        assertThat(upload).doesNotExist();
        try (var stored = store.open("tenant/asset/original.jpg").orElseThrow()) {
            assertThat(stored.readAllBytes()).containsExactly(1, 2, 3);
        }
        try (var files = Files.list(store.root().resolve("tenant/asset"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly("original.jpg");
        }
    }
}
