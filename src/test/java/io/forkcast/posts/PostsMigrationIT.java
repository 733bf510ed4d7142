package io.forkcast.posts;

import io.forkcast.support.PostgresTestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.params.ParameterizedTest;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The migration to posts with deliveries, on both databases: a schema at V51 filled as the previous posts module
 * left it (a two-network group, a group whose halves drifted apart, a single post, a draft; attempts, media,
 * engagement snapshots), migrated to the latest version, and every old row compared with what it became.
 */
class PostsMigrationIT {

    enum Vendor {
        POSTGRESQL("postgresql", "jsonb"), H2("h2", "json");

        final String folder;
        final String jsonType;

        Vendor(String folder, String jsonType) {
            this.folder = folder;
            this.jsonType = jsonType;
        }

        String url() {
            return this == POSTGRESQL ? PostgresTestDatabase.recreateSeparate("posts_migration")
                    : "jdbc:h2:mem:posts-migration-" + UUID.randomUUID()
                    + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";
        }

        String user() {
            return this == POSTGRESQL ? PostgresTestDatabase.OWNER : "sa";
        }
    }

    // Ids in a known order: the lower id of a group becomes the post's id.
    private static final UUID TENANT = UUID.fromString("00000000-0000-7000-8000-000000000001");
    private static final UUID PAGE = UUID.fromString("00000000-0000-7000-8000-0000000000a1");
    private static final UUID INSTAGRAM = UUID.fromString("00000000-0000-7000-8000-0000000000a2");
    private static final UUID DISH = UUID.fromString("00000000-0000-7000-8000-0000000000b1");
    private static final UUID DESSERT = UUID.fromString("00000000-0000-7000-8000-0000000000b2");
    private static final UUID FRIDAY_PAGE = UUID.fromString("00000000-0000-7000-8000-000000000101");
    private static final UUID FRIDAY_INSTAGRAM = UUID.fromString("00000000-0000-7000-8000-000000000102");
    private static final UUID SATURDAY_PAGE = UUID.fromString("00000000-0000-7000-8000-000000000201");
    private static final UUID SATURDAY_INSTAGRAM = UUID.fromString("00000000-0000-7000-8000-000000000202");
    private static final UUID SINGLE = UUID.fromString("00000000-0000-7000-8000-000000000301");
    private static final UUID DRAFT = UUID.fromString("00000000-0000-7000-8000-000000000401");
    private static final Instant FRIDAY = Instant.parse("2026-05-29T16:00:00Z");

    /** The old rows as the new schema must give them back: one per delivery, in id order. */
    private static final String OLD_DELIVERIES = """
            select id, tenant_id, account_id, platform, caption, scheduled_for, platform_post_id, permalink, posted_at,
                   case status when 'draft' then 'held' else status end, error_code, error_message, published_late,
                   engagement_likes, engagement_comments, engagement_synced_at, created_at
            from post_history order by id""";
    private static final String NEW_DELIVERIES = """
            select d.id, d.tenant_id, d.account_id, d.platform, coalesce(d.caption, p.caption), d.due_at,
                   d.platform_post_id, d.permalink, d.posted_at, d.status, d.error_code, d.error_message,
                   d.published_late, d.engagement_likes, d.engagement_comments, d.engagement_synced_at, d.created_at
            from post_deliveries d join posts p on p.id = d.post_id order by d.id""";
    private static final String OLD_ATTEMPTS = """
            select id, tenant_id, post_id, attempt_no, started_at, finished_at, outcome, error_code, error_message,
                   container_id from post_attempts order by id""";
    private static final String NEW_ATTEMPTS = """
            select id, tenant_id, delivery_id, attempt_no, started_at, finished_at, outcome, error_code, error_message,
                   container_id from post_attempts order by id""";
    private static final String OLD_SNAPSHOTS = """
            select id, tenant_id, post_id, captured_at, likes, comments, shares from engagement_snapshots order by id""";
    private static final String NEW_SNAPSHOTS = """
            select id, tenant_id, delivery_id, captured_at, likes, comments, shares from engagement_snapshots
            order by id""";

    @ParameterizedTest
    @EnumSource(Vendor.class)
    void everyOldPostBecomesAPostWithDeliveries_keepingAttemptsIdsPermalinksMediaAndEngagement(Vendor vendor)
            throws SQLException {
        try (Connection db = DriverManager.getConnection(vendor.url(), vendor.user(), "")) {
            db.setAutoCommit(true);
            flyway(vendor, db).target("51").load().migrate();
            fill(db);
            List<List<Object>> deliveries = rows(db, OLD_DELIVERIES);
            List<List<Object>> attempts = rows(db, OLD_ATTEMPTS);
            List<List<Object>> snapshots = rows(db, OLD_SNAPSHOTS);

            flyway(vendor, db).load().migrate();

            assertThat(rows(db, NEW_DELIVERIES)).isEqualTo(deliveries);
            assertThat(rows(db, NEW_ATTEMPTS)).isEqualTo(attempts);
            assertThat(rows(db, NEW_SNAPSHOTS)).isEqualTo(snapshots);
            // The group that still shared its time and caption is one post, published on one network only.
            assertThat(rows(db, "select post_id, position from post_deliveries where id in (?, ?) order by id",
                    FRIDAY_PAGE, FRIDAY_INSTAGRAM)).containsExactly(List.of(FRIDAY_PAGE, 0), List.of(FRIDAY_PAGE, 1));
            assertThat(rows(db, "select status, quota_day from posts where id = ?", FRIDAY_PAGE))
                    .containsExactly(List.of("partially_published", java.sql.Date.valueOf(LocalDate.of(2026, 5, 29))));
            assertThat(rows(db, "select asset_id from post_media where post_id = ? order by position", FRIDAY_PAGE))
                    .containsExactly(List.of(DISH), List.of(DESSERT));
            // The group whose halves had drifted apart keeps both times: two posts.
            assertThat(rows(db, "select id, status from posts where id in (?, ?) order by id", SATURDAY_PAGE,
                    SATURDAY_INSTAGRAM)).containsExactly(List.of(SATURDAY_PAGE, "scheduled"),
                    List.of(SATURDAY_INSTAGRAM, "scheduled"));
            assertThat(rows(db, "select status from posts where id in (?, ?) order by id", SINGLE, DRAFT))
                    .containsExactly(List.of("cancelled"), List.of("held"));
            assertThat(rows(db, "select count(*) from posts")).containsExactly(List.of(5L));
        }
    }

    /** Flyway on the test's own connection: H2 keeps a check constraint bound to the session that made it. */
    private static org.flywaydb.core.api.configuration.FluentConfiguration flyway(Vendor vendor, Connection db) {
        return Flyway.configure().dataSource(new SingleConnectionDataSource(db, true))
                .locations("classpath:db/migration/common", "classpath:db/migration/" + vendor.folder)
                .placeholders(Map.of("json_type", vendor.jsonType, "app_role", vendor.user()));
    }

    private static void fill(Connection db) throws SQLException {
        update(db, "insert into tenants (id, name, email, plan, timezone, tenant_metadata, created_at, updated_at) "
                + "values (?, 'Trattoria', 'owner@example.com', 'basic', 'Europe/Paris', '{}', ?, ?)", TENANT,
                at(0), at(0));
        update(db, "insert into social_accounts (id, tenant_id, platform, platform_user_id, account_type, "
                + "account_metadata, connected_at, created_at, updated_at) values (?, ?, 'facebook', '200000000000001', "
                + "'page', '{}', ?, ?, ?)", PAGE, TENANT, at(0), at(0), at(0));
        update(db, "insert into social_accounts (id, tenant_id, platform, platform_user_id, account_type, "
                + "account_metadata, connected_at, created_at, updated_at) values (?, ?, 'instagram', "
                + "'17841400000000001', 'business', '{}', ?, ?, ?)", INSTAGRAM, TENANT, at(0), at(0), at(0));
        for (UUID asset : List.of(DISH, DESSERT)) {
            update(db, "insert into brand_assets (id, tenant_id, filename, file_url, file_type, file_size, tags, "
                    + "metadata, uploaded_at, updated_at) values (?, ?, 'dish.jpg', 'local:dish', 'image/jpeg', 10, "
                    + "'[]', '{}', ?, ?)", asset, TENANT, at(0), at(0));
        }
        UUID friday = UUID.randomUUID();
        post(db, FRIDAY_PAGE, PAGE, "facebook", friday, "Friday's special", FRIDAY, "published");
        update(db, "update post_history set platform_post_id = 'fb_1', permalink = 'https://facebook.example/fb_1', "
                + "posted_at = ?, published_late = true, engagement_likes = 12, engagement_comments = 3, "
                + "engagement_synced_at = ?, attempt_count = 2 where id = ?", at(3), at(4), FRIDAY_PAGE);
        post(db, FRIDAY_INSTAGRAM, INSTAGRAM, "instagram", friday, "Friday's special", FRIDAY, "failed");
        update(db, "update post_history set error_code = '36003/2207009', error_message = 'Crop the photo', "
                + "attempt_count = 1 where id = ?", FRIDAY_INSTAGRAM);
        for (UUID post : List.of(FRIDAY_PAGE, FRIDAY_INSTAGRAM)) {
            update(db, "insert into post_media (tenant_id, post_id, position, asset_id) values (?, ?, 0, ?)",
                    TENANT, post, DISH);
            update(db, "insert into post_media (tenant_id, post_id, position, asset_id) values (?, ?, 1, ?)",
                    TENANT, post, DESSERT);
        }
        attempt(db, FRIDAY_PAGE, 1, "transient", "2", null);
        attempt(db, FRIDAY_PAGE, 2, "reconciled", null, null);
        attempt(db, FRIDAY_INSTAGRAM, 1, "failed", "36003/2207009", "17900000000000001");
        for (int i = 1; i <= 2; i++) {
            update(db, "insert into engagement_snapshots (id, tenant_id, post_id, captured_at, likes, comments, shares) "
                    + "values (?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID(), TENANT, FRIDAY_PAGE, at(3 + i), 6 * i, i, 1);
        }
        UUID saturday = UUID.randomUUID();
        post(db, SATURDAY_PAGE, PAGE, "facebook", saturday, "Saturday brunch", FRIDAY.plusSeconds(86_400),
                "scheduled");
        post(db, SATURDAY_INSTAGRAM, INSTAGRAM, "instagram", saturday, "Saturday brunch",
                FRIDAY.plusSeconds(86_400 + 5_400), "scheduled");
        post(db, SINGLE, PAGE, "facebook", null, "Sunday roast", FRIDAY.plusSeconds(2 * 86_400), "cancelled");
        post(db, DRAFT, PAGE, "facebook", null, null, FRIDAY.plusSeconds(3 * 86_400), "draft");
        update(db, "insert into post_idempotency_keys (tenant_id, idem_key, request_hash, group_id, created_at) "
                + "values (?, 'key-1', 'hash', ?, ?)", TENANT, friday, at(0));
    }

    private static void post(Connection db, UUID id, UUID account, String platform, UUID group, String caption,
            Instant scheduledFor, String status) throws SQLException {
        update(db, "insert into post_history (id, tenant_id, account_id, group_id, platform, caption, scheduled_for, "
                + "status, created_at, updated_at, quota_day) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", id, TENANT,
                account, group, platform, caption, Timestamp.from(scheduledFor), status, at(0), at(1),
                java.sql.Date.valueOf(LocalDate.ofInstant(scheduledFor, java.time.ZoneOffset.UTC)));
    }

    private static void attempt(Connection db, UUID post, int number, String outcome, String errorCode,
            String containerId) throws SQLException {
        update(db, "insert into post_attempts (id, tenant_id, post_id, attempt_no, started_at, finished_at, outcome, "
                + "error_code, error_message, container_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", UUID.randomUUID(),
                TENANT, post, number, at(2), at(3), outcome, errorCode, errorCode == null ? null : "Said Graph",
                containerId);
    }

    private static Timestamp at(int minutes) {
        return Timestamp.from(FRIDAY.plusSeconds(60L * minutes));
    }

    private static void update(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            statement.executeUpdate();
        }
    }

    private static List<List<Object>> rows(Connection db, String sql, Object... args) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                statement.setObject(i + 1, args[i]);
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int c = 1; c <= columns; c++) {
                        Object value = rs.getObject(c);
                        row.add(value instanceof Number n && !(value instanceof Long) && c == 1 && columns == 1
                                ? n.longValue() : value);
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }
}
