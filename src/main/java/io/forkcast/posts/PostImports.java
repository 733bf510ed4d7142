package io.forkcast.posts;

import io.forkcast.accounts.Accounts;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.assets.Assets;
import io.forkcast.assets.BrandAsset;
import io.forkcast.captions.Intent;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.Ids;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * CSV imports of posts. Each row is read (date, time in the restaurant's time zone, targets by account name or id,
 * caption, media by library file name or {@code tag:name}, optional format and intent) and then checked by creating
 * its post in a transaction that is rolled back, so a dry run reports exactly what an import would refuse. An import
 * creates the rows without a problem in one transaction (all of them, or none), and records the file's SHA-256:
 * the same file again creates nothing and answers what the first import did.
 */
@Service
public class PostImports {

    static final List<String> REQUIRED = List.of("date", "time", "targets", "caption");
    static final List<String> OPTIONAL = List.of("media", "format", "intent");
    // A blank line counts as a row, as in a spreadsheet, so row numbers match what the owner sees.
    private static final CsvMapper CSV = CsvMapper.builder().disable(CsvReadFeature.SKIP_EMPTY_LINES).build();

    /** A row as read: the post it asks for (null when it could not be read) and its problems so far. */
    private record Row(int number, NewPost post, List<PostImport.RowProblem> problems) {
    }

    private final Posts posts;
    private final Accounts accounts;
    private final Assets assets;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final PostImportProperties properties;
    private final Clock clock;

    PostImports(Posts posts, Accounts accounts, Assets assets, JdbcClient jdbc,
            PlatformTransactionManager transactions, PostImportProperties properties, Clock clock) {
        this.posts = posts;
        this.accounts = accounts;
        this.assets = assets;
        this.jdbc = jdbc;
        this.tx = new TransactionTemplate(transactions);
        this.properties = properties;
        this.clock = clock;
    }

    /** The largest file taken, in bytes. */
    public long maxBytes() {
        return properties.maxBytes().toBytes();
    }

    /** The most rows of posts in a file. */
    public int maxRows() {
        return properties.maxRows();
    }

    /**
     * Reads and checks the file; unless {@code dryRun}, creates the posts of its rows without a problem, all in one
     * transaction. A file that cannot be read as a whole (too large, too many rows, a missing column) is a 400 or
     * 413 naming {@code file}; a row's problems are in the answer.
     */
    public PostImport importFile(TenantId tenantId, String fileName, byte[] file, boolean dryRun) {
        if (file.length == 0) {
            throw new InvalidFieldException("file", "The file is empty.");
        }
        if (file.length > maxBytes()) {
            throw new DomainException(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than "
                    + properties.maxBytes().toKilobytes() + " KB; split it into smaller files.");
        }
        String sha256 = sha256(file);
        if (!dryRun) {
            Optional<PostImport> earlier = earlier(tenantId, sha256);
            if (earlier.isPresent()) {
                return earlier.get();
            }
        }
        List<Row> rows = read(tenantId, text(file));
        List<PostImport.RowProblem> problems = new ArrayList<>();
        List<Row> valid = new ArrayList<>();
        for (Row row : rows) {
            if (row.problems().isEmpty()) {
                check(tenantId, row);
            }
            problems.addAll(row.problems());
            if (row.problems().isEmpty()) {
                valid.add(row);
            }
        }
        if (dryRun) {
            return new PostImport(sha256, true, false, rows.size(), valid.size(), problems, List.of(), null);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            List<UUID> created = tx.execute(status -> {
                UUID importId = Ids.newId();
                jdbc.sql("insert into post_imports (id, tenant_id, file_sha256, file_name, row_count, problem_count, "
                                + "post_ids, created_at) values (?, ?, ?, ?, ?, ?, '', ?)")
                        .params(importId, tenantId.value(), sha256, cut(fileName), rows.size(), problems.size(),
                                Timestamp.from(now))
                        .update();
                List<UUID> ids = new ArrayList<>();
                for (Row row : valid) {
                    try {
                        ids.add(posts.create(tenantId, row.post()).id().value());
                    } catch (DomainException e) {
                        // Checked a moment ago: something changed since (the day's quota filled, an account lost).
                        throw new DomainException(e.status(), "Row " + row.number() + ": " + e.getMessage()
                                + " Nothing was imported; check the file again.");
                    }
                }
                jdbc.sql("update post_imports set post_ids = ? where id = ?")
                        .params(ids.stream().map(UUID::toString).collect(Collectors.joining(",")), importId)
                        .update();
                return ids;
            });
            return new PostImport(sha256, false, false, rows.size(), valid.size(), problems, created, now);
        } catch (DuplicateKeyException e) {
            // The same file imported at the same moment by another request: its answer is this one's.
            return earlier(tenantId, sha256).orElseThrow(() -> e);
        }
    }

    private Optional<PostImport> earlier(TenantId tenantId, String sha256) {
        return tx.execute(status -> jdbc.sql("select row_count, post_ids, created_at from post_imports "
                        + "where tenant_id = ? and file_sha256 = ?")
                .params(tenantId.value(), sha256)
                .query((rs, n) -> {
                    List<UUID> ids = Arrays.stream(rs.getString("post_ids").split(","))
                            .filter(id -> !id.isBlank()).map(UUID::fromString).toList();
                    return new PostImport(sha256, false, true, rs.getInt("row_count"), ids.size(), List.of(), ids,
                            rs.getObject("created_at", OffsetDateTime.class).toInstant());
                })
                .optional());
    }

    /** Creates the row's post in a transaction rolled back whatever happens: what it refuses is the row's problem. */
    private void check(TenantId tenantId, Row row) {
        try {
            tx.executeWithoutResult(status -> {
                status.setRollbackOnly();
                posts.create(tenantId, row.post());
            });
        } catch (InvalidFieldException e) {
            row.problems().add(new PostImport.RowProblem(row.number(), column(e.field()), e.getMessage()));
        } catch (DomainException e) {
            row.problems().add(new PostImport.RowProblem(row.number(), "date", e.getMessage()));
        }
    }

    private static String column(String field) {
        return switch (field) {
            case "scheduled_for" -> "date";
            case "caption", "targets.caption" -> "caption";
            case "asset_ids" -> "media";
            case "targets.format" -> "format";
            case "targets", "targets.first_comment", "targets.location" -> "targets";
            default -> field.startsWith("targets.google") ? "targets" : "file";
        };
    }

    private List<Row> read(TenantId tenantId, String text) {
        List<Map<String, String>> records = new ArrayList<>();
        List<String> header;
        try (MappingIterator<Map<String, String>> it = CSV.readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            while (it.hasNextValue()) {
                Map<String, String> record = it.nextValue();
                if (record.values().stream().allMatch(value -> value == null || value.isBlank())) {
                    records.add(null);
                    continue;
                }
                records.add(record);
                if (records.size() > properties.maxRows()) {
                    throw new InvalidFieldException("file", "The file has more than " + properties.maxRows()
                            + " rows; split it into smaller files.");
                }
            }
            CsvSchema schema = (CsvSchema) it.parser().getSchema();
            header = new ArrayList<>();
            schema.forEach(column -> header.add(column.getName()));
        } catch (JacksonException e) {
            throw new InvalidFieldException("file", "The file is not a CSV file Forkcast can read: "
                    + e.getOriginalMessage());
        }
        Map<String, String> names = new LinkedHashMap<>();
        for (String column : header) {
            String name = column.strip().toLowerCase(Locale.ROOT);
            if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
                throw new InvalidFieldException("file", "Unknown column \"" + column.strip() + "\": the columns are "
                        + String.join(", ", REQUIRED) + " and, if you like, " + String.join(", ", OPTIONAL) + ".");
            }
            names.put(name, column);
        }
        List<String> missing = REQUIRED.stream().filter(name -> !names.containsKey(name)).toList();
        if (!missing.isEmpty()) {
            throw new InvalidFieldException("file", "The first row must name the columns; missing: "
                    + String.join(", ", missing) + ".");
        }
        Lookup lookup = new Lookup(tenantId);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            Map<String, String> record = records.get(i);
            if (record != null) {
                Map<String, String> cells = new LinkedHashMap<>();
                names.forEach((name, column) -> cells.put(name, cell(record.get(column))));
                rows.add(row(i + 2, cells, lookup));
            }
        }
        return rows;
    }

    private Row row(int number, Map<String, String> cells, Lookup lookup) {
        List<PostImport.RowProblem> problems = new ArrayList<>();
        LocalDate date = null;
        LocalTime time = null;
        try {
            date = LocalDate.parse(cells.get("date"));
        } catch (DateTimeParseException e) {
            problems.add(new PostImport.RowProblem(number, "date", "Write the day as 2026-12-24."));
        }
        try {
            time = LocalTime.parse(cells.get("time"));
        } catch (DateTimeParseException e) {
            problems.add(new PostImport.RowProblem(number, "time", "Write the time as 18:30 (24-hour clock)."));
        }
        Platform.Format format = Platform.Format.FEED;
        String formatText = cells.getOrDefault("format", "");
        if (!formatText.isEmpty()) {
            format = Platform.Format.fromWire(formatText.toLowerCase(Locale.ROOT)).orElse(null);
            if (format == null) {
                problems.add(new PostImport.RowProblem(number, "format", "Unknown format \"" + formatText
                        + "\"; one of " + Arrays.stream(Platform.Format.values()).map(Platform.Format::wireName)
                        .collect(Collectors.joining(", ")) + "."));
            }
        }
        Intent intent = Intent.GENERAL;
        String intentText = cells.getOrDefault("intent", "");
        if (!intentText.isEmpty()) {
            intent = Arrays.stream(Intent.values()).filter(i -> i.wireName().equalsIgnoreCase(intentText))
                    .findFirst().orElse(null);
            if (intent == null) {
                problems.add(new PostImport.RowProblem(number, "intent", "Unknown intent \"" + intentText
                        + "\"; one of visit, order, event, general."));
            }
        }
        List<NewPost.Target> targets = new ArrayList<>();
        List<String> names = split(cells.get("targets"));
        if (names.isEmpty()) {
            problems.add(new PostImport.RowProblem(number, "targets", "Name at least one account."));
        }
        for (String name : names) {
            Optional<ConnectedAccount> account = lookup.account(name);
            if (account.isEmpty()) {
                problems.add(new PostImport.RowProblem(number, "targets", "No connected account is called \"" + name
                        + "\"."));
            } else if (targets.stream().noneMatch(t -> t.accountId().equals(account.get().id().value()))) {
                targets.add(new NewPost.Target(account.get().id().value(), null, format, null, null, null));
            }
        }
        Set<UUID> media = new LinkedHashSet<>();
        for (String name : split(cells.getOrDefault("media", ""))) {
            lookup.asset(name).ifPresentOrElse(asset -> media.add(asset.id().value()), () -> problems.add(
                    new PostImport.RowProblem(number, "media", name.toLowerCase(Locale.ROOT).startsWith("tag:")
                            ? "No photo or video in the library is tagged \"" + name.substring(4).strip() + "\"."
                            : "No photo or video in the library is named \"" + name + "\".")));
        }
        String caption = cells.get("caption");
        if (caption.isEmpty()) {
            problems.add(new PostImport.RowProblem(number, "caption", "Write a caption."));
        }
        NewPost post = problems.isEmpty() ? new NewPost(caption, List.copyOf(media), null,
                LocalDateTime.of(date, time), false, targets, intent, null) : null;
        return new Row(number, post, problems);
    }

    /** The tenant's accounts and library, looked up once per name in a file. */
    private final class Lookup {

        private final TenantId tenantId;
        private List<ConnectedAccount> accountList;
        private final Map<String, Optional<BrandAsset>> assetsByName = new LinkedHashMap<>();

        Lookup(TenantId tenantId) {
            this.tenantId = tenantId;
        }

        Optional<ConnectedAccount> account(String name) {
            if (accountList == null) {
                accountList = new ArrayList<>();
                String cursor = null;
                do {
                    CursorPage<ConnectedAccount> page = accounts.list(tenantId, new PageRequest(200, cursor));
                    accountList.addAll(page.items());
                    cursor = page.nextCursor();
                } while (cursor != null);
            }
            return accountList.stream().filter(a -> a.id().value().toString().equalsIgnoreCase(name)
                    || (a.username() != null && (a.username().equalsIgnoreCase(name)
                    || ("@" + a.username()).equalsIgnoreCase(name)))).findFirst();
        }

        /** A file name of the library, or {@code tag:name}: the newest photo or video with that tag. */
        Optional<BrandAsset> asset(String name) {
            return assetsByName.computeIfAbsent(name.toLowerCase(Locale.ROOT), key -> {
                try {
                    if (key.startsWith("tag:")) {
                        return assets.list(tenantId, new Assets.Query(null, false, List.of(key.substring(4).strip()),
                                null, null, null, null, null), 1, null).items().stream().findFirst();
                    }
                    return assets.list(tenantId, new Assets.Query(null, false, null, null, name, null, null, null),
                                    50, null).items().stream()
                            .filter(asset -> asset.filename().equalsIgnoreCase(name)).findFirst();
                } catch (DomainException e) {
                    return Optional.empty();
                }
            });
        }
    }

    /**
     * A cell as text. A spreadsheet writes a cell that starts like a formula (=, +, -, @) with a leading apostrophe
     * to keep it text, as Forkcast's own export does: the apostrophe goes; the rest is text, never evaluated.
     */
    static String cell(String value) {
        if (value == null) {
            return "";
        }
        String text = value.strip();
        if (text.length() > 1 && text.charAt(0) == '\'' && "=+-@".indexOf(text.charAt(1)) >= 0) {
            return text.substring(1);
        }
        return text;
    }

    private static List<String> split(String cell) {
        return Arrays.stream(cell.split("[;|]")).map(String::strip).filter(part -> !part.isEmpty()).toList();
    }

    private static String text(byte[] file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file)).toString();
            // A byte-order mark, as spreadsheets write one.
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new InvalidFieldException("file", "The file is not UTF-8 text: save it as \"CSV UTF-8\".");
        }
    }

    private static String cut(String fileName) {
        return fileName == null ? null : fileName.length() > 255 ? fileName.substring(0, 255) : fileName;
    }

    private static String sha256(byte[] file) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
