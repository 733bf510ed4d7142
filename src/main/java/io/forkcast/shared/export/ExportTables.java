package io.forkcast.shared.export;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds a module's {@link ExportPart} from a select of its own table: every column of every row, as a JSON array of
 * objects named by column, except the columns named as omitted (password hashes, secrets, sealed tokens). New
 * columns are exported without a change here; a new column holding a secret must be added to the omitted ones.
 * Rows are read with a cursor (fetch size) in a read-only transaction and written as they come.
 */
@Component
public class ExportTables {

    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate readOnly;
    private final JsonMapper json;

    ExportTables(DataSource dataSource, PlatformTransactionManager transactions, JsonMapper json) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.jdbc.setFetchSize(FETCH_SIZE);
        this.readOnly = new TransactionTemplate(transactions);
        this.readOnly.setReadOnly(true);
        this.json = json;
    }

    /**
     * A part at {@code path} made of the rows of {@code sql}, a select with one parameter, the tenant's id.
     *
     * @param omitted columns left out of every record
     */
    public ExportPart table(String path, int order, String sql, String... omitted) {
        Set<String> left = Stream.of(omitted).map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        return new ExportPart() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public int order() {
                return order;
            }

            @Override
            public void write(UUID tenantId, ExportArchive archive) throws IOException {
                archive.array(path, out -> readOnly.executeWithoutResult(status -> jdbc.query(sql,
                        (RowCallbackHandler) row -> out.write(record(row, left)), tenantId)));
            }
        };
    }

    /** Each row of {@code sql} (one parameter, the tenant's id), in a read-only transaction, as a record. */
    public void forEachRow(String sql, UUID tenantId, RowAction action) {
        readOnly.executeWithoutResult(status -> jdbc.query(sql, (RowCallbackHandler) row -> {
            try {
                action.accept(record(row, Set.of()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, tenantId));
    }

    /** What to do with one row read by {@link #forEachRow}. */
    @FunctionalInterface
    public interface RowAction {
        void accept(Map<String, Object> row) throws IOException;
    }

    private Map<String, Object> record(ResultSet row, Set<String> omitted) throws SQLException {
        ResultSetMetaData meta = row.getMetaData();
        Map<String, Object> record = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String column = meta.getColumnLabel(i).toLowerCase(Locale.ROOT);
            if (!omitted.contains(column)) {
                record.put(column, value(row, i, meta.getColumnTypeName(i)));
            }
        }
        return record;
    }

    private Object value(ResultSet row, int column, String type) throws SQLException {
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("json")) {
            String text = row.getString(column);
            return text == null ? null : json.readValue(text, JsonNode.class);
        }
        Object value = row.getObject(column);
        return switch (value) {
            case null -> null;
            case Timestamp timestamp -> timestamp.toInstant().toString();
            case OffsetDateTime dateTime -> dateTime.toInstant().toString();
            case java.sql.Date date -> date.toLocalDate().toString();
            case UUID uuid -> uuid.toString();
            default -> value;
        };
    }
}
