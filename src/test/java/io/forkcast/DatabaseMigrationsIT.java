package io.forkcast;

import io.forkcast.support.ApiClient;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.support.PostgresOwnerConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The schema as Flyway builds it on PostgreSQL: every table, and the composite foreign keys and cascades that
 * keep each tenant's rows to itself whatever the application does. Rows are written as the owner, with plain
 * JDBC: row-level security does not apply to it, so only the schema's own constraints stand in the way.
 */
class DatabaseMigrationsIT extends PostgresIntegrationTest {

    private static final List<String> TABLES = List.of("tenants", "tenant_users", "api_keys", "social_accounts",
            "oauth_tokens", "token_refresh_history", "posts", "post_deliveries", "brand_folders", "brand_assets",
            "oauth_state");
    private static final List<String> TENANT_OWNED_TABLES = TABLES.subList(1, TABLES.size());
    /** Tables with a tenant_id that outlive the tenant, read by the platform only (V100 says why). */
    private static final Set<String> PLATFORM_RECORDS = Set.of("tenant_deletions");
    private static final String FOREIGN_KEY_VIOLATION = "23503";

    /** Each table that references another tenant-owned row, with the row it inserts: (id, tenant_id, referenced id). */
    enum CrossTenantReference {
        OAUTH_TOKEN_TO_ACCOUNT(Referenced.ACCOUNT, """
                insert into oauth_tokens (id, tenant_id, account_id, token_type, encrypted_token, encryption_iv,
                                          key_id, created_at, updated_at)
                values (?, ?, ?, 'page', 'c2VhbGVk', 'bm9uY2U', 'k1', now(), now())"""),
        TOKEN_REFRESH_HISTORY_TO_ACCOUNT(Referenced.ACCOUNT, """
                insert into token_refresh_history (id, tenant_id, account_id, outcome, created_at)
                values (?, ?, ?, 'refreshed', now())"""),
        POST_DELIVERY_TO_ACCOUNT(Referenced.ACCOUNT, """
                with post as (insert into posts (id, tenant_id, scheduled_for, status, created_at, updated_at)
                              values (?, ?, now(), 'scheduled', now(), now()) returning id, tenant_id)
                insert into post_deliveries (id, tenant_id, post_id, account_id, platform, position, status, due_at,
                                             created_at, updated_at)
                select gen_random_uuid(), post.tenant_id, post.id, ?, 'facebook', 0, 'scheduled', now(), now(), now()
                from post"""),
        INSTAGRAM_ACCOUNT_TO_PARENT_PAGE(Referenced.ACCOUNT, """
                insert into social_accounts (id, tenant_id, parent_account_id, platform, platform_user_id,
                                             account_type, account_metadata, connected_at, created_at, updated_at)
                values (?, ?, ?, 'instagram', md5(random()::text), 'business', '{}', now(), now(), now())"""),
        FOLDER_TO_PARENT_FOLDER(Referenced.FOLDER, """
                insert into brand_folders (id, tenant_id, parent_id, name, path, created_at, updated_at)
                values (?, ?, ?, 'Pasta', '/Dishes/Pasta-' || md5(random()::text), now(), now())"""),
        ASSET_TO_FOLDER(Referenced.FOLDER, """
                insert into brand_assets (id, tenant_id, folder_id, filename, file_url, file_type, file_size, tags,
                                          metadata, uploaded_at, updated_at)
                values (?, ?, ?, 'pasta.jpg', 'https://cdn.example.com/pasta.jpg', 'image/jpeg', 1024, '[]', '{}',
                        now(), now())""");

        enum Referenced { ACCOUNT, FOLDER }

        final Referenced referenced;
        final String insert;

        CrossTenantReference(Referenced referenced, String insert) {
            this.referenced = referenced;
            this.insert = insert;
        }
    }

    private ApiClient api;
    private UUID tenantA;
    private UUID tenantB;

    @BeforeEach
    void twoTenants() {
        api = api();
        tenantA = UUID.fromString(api.createTenant("Schema A " + System.nanoTime(), "basic"));
        tenantB = UUID.fromString(api.createTenant("Schema B " + System.nanoTime(), "basic"));
    }

    /**
     * Every table the PostgreSQL migrations create (and do not drop or rename later), read from the scripts
     * themselves in version order, so a table added by a new migration is checked without editing this test.
     */
    static Set<String> tablesOfTheMigrations() throws IOException {
        Pattern statement = Pattern.compile("(?i)\\b(create table(?: if not exists)?|drop table(?: if exists)?"
                + "|alter table(?: if exists)?)\\s+([a-z_0-9]+)(?:\\s+rename to\\s+([a-z_0-9]+))?");
        Pattern version = Pattern.compile("V(\\d+)__");
        List<Resource> scripts = new ArrayList<>();
        PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
        for (String folder : List.of("common", "postgresql")) {
            scripts.addAll(List.of(resolver.getResources("classpath:db/migration/" + folder + "/V*.sql")));
        }
        scripts.sort(Comparator.comparingInt(script -> {
            Matcher matcher = version.matcher(script.getFilename());
            return matcher.find() ? Integer.parseInt(matcher.group(1)) : Integer.MAX_VALUE;
        }));
        Set<String> tables = new TreeSet<>();
        for (Resource script : scripts) {
            String sql = script.getContentAsString(StandardCharsets.UTF_8).replaceAll("--[^\\n]*", "");
            Matcher matcher = statement.matcher(sql);
            while (matcher.find()) {
                String verb = matcher.group(1).toLowerCase(Locale.ROOT);
                String table = matcher.group(2).toLowerCase(Locale.ROOT);
                if (verb.startsWith("create")) {
                    tables.add(table);
                } else if (verb.startsWith("drop")) {
                    tables.remove(table);
                } else if (matcher.group(3) != null && tables.remove(table)) {
                    tables.add(matcher.group(3).toLowerCase(Locale.ROOT));
                }
            }
        }
        return tables;
    }

    @Test
    void flywayCreatesEveryTable() throws Exception {
        Set<String> expected = tablesOfTheMigrations();
        // The reading of the scripts found the tables of the first and of the latest migrations.
        assertThat(expected).containsAll(TABLES).contains("webhook_endpoints", "audit_events", "post_imports");
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            assertThat(db.column("select table_name from information_schema.tables "
                    + "where table_schema = 'public' and table_type = 'BASE TABLE'"))
                    .containsAll(expected);
            assertThat(db.column("select version from flyway_schema_history where success")).contains("1", "2");
            assertThat(db.count("select count(*) from flyway_schema_history where not success")).isZero();
        }
    }

    @Test
    void rowLevelSecurityIsEnabledWithAPolicyOnEveryTable() throws SQLException {
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            List<String> tenantOwned = tenantOwnedTables(db);
            assertThat(tenantOwned).containsAll(TENANT_OWNED_TABLES);
            List<String> guarded = new ArrayList<>(TABLES);
            guarded.addAll(tenantOwned);
            assertThat(db.column("select relname from pg_class where relrowsecurity and relname = any(?)",
                    (Object) guarded.toArray(String[]::new)))
                    .containsExactlyInAnyOrderElementsOf(new TreeSet<>(guarded));
            assertThat(db.column("select tablename from pg_policies where policyname = 'tenant_isolation'"))
                    .containsAll(guarded);
        }
    }

    /** Every table of the schema with a {@code tenant_id} column, but the platform's records of deleted tenants. */
    private static List<String> tenantOwnedTables(PostgresOwnerConnection db) throws SQLException {
        return db.column("select c.table_name from information_schema.columns c join information_schema.tables t "
                + "on t.table_schema = c.table_schema and t.table_name = c.table_name where c.table_schema = 'public' "
                + "and t.table_type = 'BASE TABLE' and c.column_name = 'tenant_id' order by 1")
                .stream().map(String::valueOf).filter(table -> !PLATFORM_RECORDS.contains(table)).toList();
    }

    @ParameterizedTest
    @EnumSource(CrossTenantReference.class)
    void compositeForeignKeyRefusesAReferenceToAnotherTenantsRow(CrossTenantReference reference) throws SQLException {
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            UUID referencedOfA = reference.referenced == CrossTenantReference.Referenced.ACCOUNT
                    ? insertFacebookPage(db, tenantA)
                    : insertFolder(db, tenantA, null, "/Dishes-" + UUID.randomUUID());

            assertThatThrownBy(() -> db.update(reference.insert, UUID.randomUUID(), tenantB, referencedOfA))
                    .isInstanceOfSatisfying(SQLException.class,
                            e -> assertThat(e.getSQLState()).isEqualTo(FOREIGN_KEY_VIOLATION));
            // The same row for the tenant that owns the referenced one goes in: only the tenant mismatch was refused.
            assertThat(db.update(reference.insert, UUID.randomUUID(), tenantA, referencedOfA)).isOne();
        }
    }

    @Test
    void deletingATenantThroughTheApiDeletesEverythingItOwnsAndNothingElse() throws SQLException {
        ApiClient.Response user = api.post("/api/v1/tenants/" + tenantA + "/users", OPERATOR_TOKEN,
                Map.of("email", "chef@example.com", "role", "editor"));
        assertThat(user.status()).isEqualTo(201);
        api.createKey(tenantA.toString());
        api.createKey(tenantB.toString());
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            fillEveryTable(db, tenantA);
            fillEveryTable(db, tenantB);
            for (String table : TENANT_OWNED_TABLES) {
                assertThat(rowsOf(db, table, tenantA)).as("rows of A in %s before", table).isPositive();
            }
            // Every table with a tenant_id, not only those filled here: whatever the API wrote for A must go too.
            List<String> tenantOwned = tenantOwnedTables(db);
            Map<String, Long> rowsOfB = tenantOwned.stream()
                    .collect(Collectors.toMap(t -> t, t -> rowsOf(db, t, tenantB)));

            assertThat(api.delete("/api/v1/tenants/" + tenantA, OPERATOR_TOKEN).status()).isEqualTo(204);

            assertThat(db.count("select count(*) from tenants where id = ?", tenantA)).isZero();
            for (String table : tenantOwned) {
                assertThat(rowsOf(db, table, tenantA)).as("rows of A in %s after", table).isZero();
                assertThat(rowsOf(db, table, tenantB)).as("rows of B in %s after", table).isEqualTo(rowsOfB.get(table));
            }
        }
    }

    /** A row in every tenant-owned table the API cannot fill yet, including nested accounts and folders. */
    private static void fillEveryTable(PostgresOwnerConnection db, UUID tenant) throws SQLException {
        UUID page = insertFacebookPage(db, tenant);
        for (CrossTenantReference reference : List.of(CrossTenantReference.OAUTH_TOKEN_TO_ACCOUNT,
                CrossTenantReference.TOKEN_REFRESH_HISTORY_TO_ACCOUNT, CrossTenantReference.POST_DELIVERY_TO_ACCOUNT,
                CrossTenantReference.INSTAGRAM_ACCOUNT_TO_PARENT_PAGE)) {
            db.update(reference.insert, UUID.randomUUID(), tenant, page);
        }
        UUID root = insertFolder(db, tenant, null, "/Dishes");
        UUID child = insertFolder(db, tenant, root, "/Dishes/Pasta");
        db.update(CrossTenantReference.ASSET_TO_FOLDER.insert, UUID.randomUUID(), tenant, child);
        db.update("insert into oauth_state (state, tenant_id, redirect_uri, expires_at, created_at) "
                + "values (?, ?, 'https://app.example.com/callback', now() + interval '10 minutes', now())",
                "state-" + UUID.randomUUID(), tenant);
    }

    private static UUID insertFacebookPage(PostgresOwnerConnection db, UUID tenant) throws SQLException {
        UUID id = UUID.randomUUID();
        db.update("""
                insert into social_accounts (id, tenant_id, platform, platform_user_id, account_type, account_metadata,
                                             connected_at, created_at, updated_at)
                values (?, ?, 'facebook', ?, 'page', '{}', now(), now(), now())""", id, tenant, id.toString());
        return id;
    }

    private static UUID insertFolder(PostgresOwnerConnection db, UUID tenant, UUID parent, String path)
            throws SQLException {
        UUID id = UUID.randomUUID();
        db.update("insert into brand_folders (id, tenant_id, parent_id, name, path, created_at, updated_at) "
                + "values (?, ?, ?, ?, ?, now(), now())", id, tenant, parent, path.substring(path.lastIndexOf('/') + 1),
                path);
        return id;
    }

    private static long rowsOf(PostgresOwnerConnection db, String table, UUID tenant) {
        try {
            return db.count("select count(*) from " + table + " where tenant_id = ?", tenant);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
