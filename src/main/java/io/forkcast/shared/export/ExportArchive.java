package io.forkcast.shared.export;

import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A ZIP archive being written entry after entry to a stream (a file, never memory): JSON documents, JSON arrays
 * written one record at a time, and files copied from a stream. Counts what it wrote, for the export's progress.
 */
public final class ExportArchive implements AutoCloseable {

    /** Writes the records of one JSON array. */
    @FunctionalInterface
    public interface Records {
        void writeTo(RecordWriter out) throws IOException;
    }

    /** Adds records to the array being written. */
    public interface RecordWriter {
        void write(Object record);
    }

    private final ZipOutputStream zip;
    private final JsonMapper json;
    private final Progress progress;
    private final Set<String> paths = new HashSet<>();
    private long records;
    private long files;

    /** Told now and then how many records and files have been written so far. */
    @FunctionalInterface
    public interface Progress {
        void written(long records, long files);
    }

    public ExportArchive(OutputStream out, JsonMapper json, Progress progress) {
        this.zip = new ZipOutputStream(out);
        this.json = json;
        this.progress = progress;
    }

    /** One JSON document (an object). */
    public void document(String path, Object value) throws IOException {
        entry(path);
        try (JsonGenerator generator = json.createGenerator(unclosable())) {
            generator.writePOJO(value);
        }
        records++;
        zip.closeEntry();
    }

    /** A JSON array, its records streamed into the entry as they come. */
    public void array(String path, Records source) throws IOException {
        entry(path);
        try (JsonGenerator generator = json.createGenerator(unclosable())) {
            generator.writeStartArray();
            try {
                source.writeTo(record -> {
                    generator.writePOJO(record);
                    if (++records % 500 == 0) {
                        progress.written(records, files);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            generator.writeEndArray();
        }
        zip.closeEntry();
        progress.written(records, files);
    }

    /** A file, copied from a stream the caller closes. */
    public void file(String path, InputStream content) throws IOException {
        entry(path);
        content.transferTo(zip);
        zip.closeEntry();
        if (++files % 10 == 0) {
            progress.written(records, files);
        }
    }

    public long records() {
        return records;
    }

    public long files() {
        return files;
    }

    @Override
    public void close() throws IOException {
        zip.close();
    }

    private void entry(String path) throws IOException {
        if (!paths.add(path)) {
            throw new IllegalStateException("Two export parts write " + path);
        }
        zip.putNextEntry(new ZipEntry(path));
    }

    // The generator closes its target when it is done; the entry must stay open for closeEntry().
    private OutputStream unclosable() {
        return new FilterOutputStream(zip) {
            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                out.write(bytes, offset, length);
            }

            @Override
            public void close() throws IOException {
                flush();
            }
        };
    }
}
