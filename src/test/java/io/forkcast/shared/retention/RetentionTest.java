package io.forkcast.shared.retention;

import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.Browser;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The retention purge on rows made through the API (a connect and token checks, captions, published posts with
 * their attempts and engagement), some of them then aged by 500 days: only old rows of the configured kinds go,
 * batch by batch.
 */
class RetentionTest extends SandboxedApiTest {

    private static final String PAGE = "200000000000001";

    @Autowired
    Retention retention;

    @Autowired
    RetentionProperties properties;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    private ApiClient api;
    private UUID tenant;
    private String key;
    private String facebook;

    @BeforeEach
    void tenantWithHistory() throws Exception {
        api = api();
        String id = api.createTenant("Retention " + System.nanoTime(), "pro");
        tenant = UUID.fromString(id);
        key = api.createKey(id, "read", "write");
        Browser browser = new Browser();
        URI dialog = URI.create(api.get("/api/v1/oauth/facebook/authorize?tenant_id=" + id, key)
                .text("authorization_url"));
        URI callback = browser.submitAndStop(browser.open(dialog), "approve", Set.of(PAGE));
        assertThat(api.get(callback.getRawPath() + "?" + callback.getRawQuery(), null).status()).isEqualTo(200);
        facebook = api.get(path("/accounts"), key).body().path("items").valueStream()
                .filter(a -> a.path("platform_user_id").asString().equals(PAGE))
                .map(a -> a.path("id").asString()).findFirst().orElseThrow();
        assertThat(api.post(path("/accounts/" + facebook + "/check"), key, null).status()).isEqualTo(200);
        String item = api.post(path("/menu-items"), key, Map.of("name", "Risotto", "price", new BigDecimal("14.50"),
                "currency", "EUR")).text("id");
        assertThat(api.post(path("/captions"), key, Map.of("menu_item_id", item, "platform", "facebook",
                "variants", 3)).status()).isEqualTo(201);
        publishNow(PostingFixtures.upload(port, id, key));
        publishNow(PostingFixtures.upload(port, id, key));
        await().atMost(Duration.ofSeconds(20)).until(() -> count("engagement_snapshots") >= 2);
    }

    @Test
    void onlyOldRowsOfTheConfiguredKindsArePurged_inBatches() {
        long attempts = count("post_attempts");
        long snapshots = count("engagement_snapshots");
        long captions = count("generated_captions");
        long calls = count("token_refresh_history");
        assertThat(attempts).isEqualTo(2);
        assertThat(captions).isEqualTo(3);
        assertThat(calls).isGreaterThanOrEqualTo(2);
        int agedAttempts = age("post_attempts", "started_at", 1);
        int agedSnapshots = age("engagement_snapshots", "captured_at", (int) snapshots - 1);
        int agedCaptions = age("generated_captions", "created_at", 2);
        int agedCalls = age("token_refresh_history", "created_at", (int) calls - 1);

        Map<RetainedData, Retention.Purged> first = retention.purge(Map.of(RetainedData.ATTEMPTS, Duration.ofDays(400),
                RetainedData.CAPTIONS, Duration.ofDays(365)), 1);

        assertThat(first).containsOnlyKeys(RetainedData.ATTEMPTS, RetainedData.CAPTIONS);
        assertThat(first.get(RetainedData.ATTEMPTS)).isEqualTo(new Retention.Purged(agedAttempts, agedAttempts + 1));
        assertThat(first.get(RetainedData.CAPTIONS)).isEqualTo(new Retention.Purged(agedCaptions, agedCaptions + 1));
        assertThat(count("post_attempts")).isEqualTo(attempts - agedAttempts);
        assertThat(count("generated_captions")).isEqualTo(captions - agedCaptions);
        // The engagement sync runs every second in tests and keeps adding fresh snapshots: the aged ones are counted.
        assertThat(countOld("engagement_snapshots", "captured_at")).as("not configured").isEqualTo(agedSnapshots);
        assertThat(count("token_refresh_history")).as("not configured").isEqualTo(calls);

        Map<RetainedData, Retention.Purged> second = retention.purge(Map.of(
                RetainedData.ENGAGEMENT_SNAPSHOTS, Duration.ofDays(400), RetainedData.OUTSIDE_CALLS,
                Duration.ofDays(90)), 2);

        // The purge spans every tenant, and other tests share the database: its totals include their old
        // snapshots, so this tenant's own rows are what is checked exactly.
        assertThat(second.get(RetainedData.ENGAGEMENT_SNAPSHOTS).rows()).isGreaterThanOrEqualTo(agedSnapshots);
        assertThat(second.get(RetainedData.ENGAGEMENT_SNAPSHOTS).batches())
                .isGreaterThanOrEqualTo(agedSnapshots / 2 + 1);
        assertThat(second.get(RetainedData.OUTSIDE_CALLS).rows()).isEqualTo(agedCalls);
        assertThat(countOld("engagement_snapshots", "captured_at")).isZero();
        assertThat(count("engagement_snapshots")).isPositive();
        assertThat(count("token_refresh_history")).isEqualTo(1);
        assertThat(count("post_attempts")).isEqualTo(attempts - agedAttempts);
    }

    @Test
    void theAttemptsOfADeliveryStillToPublishAreKept() {
        transactions.executeWithoutResult(status -> jdbc.sql("update post_deliveries set status = 'retrying' "
                + "where tenant_id = ?").param(tenant).update());
        age("post_attempts", "started_at", 2);

        assertThat(retention.purge(Map.of(RetainedData.ATTEMPTS, Duration.ofDays(400)), 10)
                .get(RetainedData.ATTEMPTS).rows()).isZero();
        assertThat(count("post_attempts")).isEqualTo(2);
    }

    @Test
    void theDefaultsKeepEveryKindForAConfiguredTimeAndAZeroKeepsForever() {
        assertThat(properties.periods()).containsOnlyKeys(RetainedData.values());
        RetentionProperties keepCaptions = new RetentionProperties(Duration.ofDays(1), Duration.ofDays(1),
                Duration.ZERO, Duration.ofDays(1), Duration.ofDays(1), Duration.ofDays(1), 10, properties.time());
        assertThat(keepCaptions.periods()).doesNotContainKey(RetainedData.CAPTIONS).hasSize(5);
    }

    private void publishNow(String asset) {
        ApiClient.Response created = api.post(path("/posts"), key, Map.of("targets", List.of(Map.of("account_id",
                facebook)), "caption", "Risotto night " + UUID.randomUUID(), "asset_ids", List.of(asset),
                "publish_now", true));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String post = path("/posts/" + created.text("id"));
        await().atMost(Duration.ofSeconds(20)).until(() -> api.get(post, key).text("status").equals("published"));
    }

    /** Moves the tenant's first {@code rows} rows of a table (by id) 500 days back; answers how many moved. */
    private int age(String table, String column, int rows) {
        OffsetDateTime old = OffsetDateTime.now(ZoneOffset.UTC).minusDays(500);
        return transactions.execute(status -> jdbc.sql("update " + table + " set " + column + " = ? where id in ("
                + "select id from " + table + " where tenant_id = ? order by id limit ?)")
                .params(old, tenant, rows).update());
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table + " where tenant_id = ?").param(tenant)
                .query(Long.class).single();
    }

    /** The tenant's rows of a table older than a year (the aged ones). */
    private long countOld(String table, String column) {
        return jdbc.sql("select count(*) from " + table + " where tenant_id = ? and " + column + " < ?")
                .params(tenant, OffsetDateTime.now(ZoneOffset.UTC).minusDays(365)).query(Long.class).single();
    }

    private String path(String rest) {
        return "/api/v1/tenants/" + tenant + rest;
    }
}
