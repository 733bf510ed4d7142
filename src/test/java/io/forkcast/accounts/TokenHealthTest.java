package io.forkcast.accounts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.SandboxedApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The token health check, run on demand with a clock the test moves. */
class TokenHealthTest extends SandboxedApiTest {

    private static final String USER = "10000000000001";

    @Autowired
    TokenHealth health;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry registry;

    @Autowired
    PlatformTransactionManager transactionManager;

    private ApiClient api;
    private String tenant;
    private String key;

    @BeforeEach
    void connectedTenant() {
        api = api();
        tenant = api.createTenant("Trattoria " + System.nanoTime(), "pro");
        key = api.createKey(tenant, "read", "write");
        assertThat(new ConnectSteps(api).connect(tenant, key).status()).isEqualTo(200);
    }

    private List<JsonNode> accounts() {
        return api.get("/api/v1/tenants/" + tenant + "/accounts", key).body().get("items").valueStream().toList();
    }

    private List<Map<String, Object>> history() {
        return jdbc.sql("select h.outcome, h.error_code, h.previous_expires_at, h.new_expires_at, t.token_type "
                        + "from token_refresh_history h join oauth_tokens t on t.id = h.token_id where h.tenant_id = ?")
                .param(UUID.fromString(tenant)).query().listOfRows();
    }

    @Test
    void healthyTokensAreCheckedAndOneHistoryRowIsWrittenPerToken() {
        health.checkAll();

        assertThat(history()).hasSize(5).allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("success"));
        assertThat(registry.get("forkcast.tokens.refresh.success.ratio").gauge().value()).isBetween(0.0, 1.0);
        assertThat(accounts()).allSatisfy(account -> {
            assertThat(account.get("status").asString()).isEqualTo("active");
            assertThat(account.get("last_checked_at").isNull()).isFalse();
        });
    }

    @Test
    void passwordChangeMarksEveryAccountNeedsReconnectWithAReason() {
        api.post("/sandbox/admin/users/" + USER + "/password-change", null, null);

        health.checkAll();

        assertThat(accounts()).allSatisfy(account -> {
            assertThat(account.get("status").asString()).isEqualTo("needs_reconnect");
            assertThat(account.get("reason").asString()).contains("password was changed");
        });
        assertThat(history()).hasSize(5).allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("invalid");
            assertThat(row.get("error_code")).isEqualTo("190/460");
        });
        assertThat(registry.get("forkcast.accounts.needing.reconnect").gauge().value()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void lostPermissionMarksTheAccountNeedsReconnectNamingIt() {
        api.post("/sandbox/admin/users/" + USER + "/permissions/instagram_content_publish/revoke", null, null);

        health.checkAll();

        JsonNode instagram = accounts().stream().filter(a -> a.get("platform").asString().equals("instagram"))
                .findFirst().orElseThrow();
        assertThat(instagram.get("status").asString()).isEqualTo("needs_reconnect");
        assertThat(instagram.get("reason").asString()).contains("instagram_content_publish", "removed");
        assertThat(accounts().stream().filter(a -> a.get("platform").asString().equals("facebook")))
                .allSatisfy(page -> assertThat(page.get("status").asString()).isEqualTo("active"));
    }

    @Test
    void userTokenExpiringWithinSevenDaysIsExchangedForAFreshOne() {
        double succeeded = refreshes("success");
        CLOCK.advance(Duration.ofDays(54));

        health.checkAll();

        assertThat(refreshes("success")).isEqualTo(succeeded + 2);

        List<Map<String, Object>> userChecks = history().stream().filter(r -> r.get("token_type").equals("user")).toList();
        assertThat(userChecks).hasSize(2).allSatisfy(row -> {
            assertThat(row.get("outcome")).isEqualTo("refreshed");
            assertThat(toInstant(row.get("new_expires_at"))).isAfter(toInstant(row.get("previous_expires_at")));
        });
        assertThat(history().stream().filter(r -> r.get("token_type").equals("page")))
                .allSatisfy(row -> assertThat(row.get("outcome")).isEqualTo("success"));
        assertThat(accounts()).allSatisfy(a -> assertThat(a.get("status").asString()).isEqualTo("active"));
    }

    @Test
    void expiredUserTokenMarksTheAccountNeedsReconnect() {
        CLOCK.advance(Duration.ofDays(61));

        health.checkAll();

        assertThat(accounts().stream().filter(a -> a.get("platform").asString().equals("facebook")))
                .allSatisfy(page -> {
                    assertThat(page.get("status").asString()).isEqualTo("needs_reconnect");
                    assertThat(page.get("reason").asString()).contains("expired");
                });
    }

    @Test
    void refreshRefusedByMetaCountsAsAFailedRefresh() {
        double failed = refreshes("failure");
        double succeeded = refreshes("success");
        api.post("/sandbox/admin/faults", null, Map.of("operation", "oauth/access_token", "code", 190, "times", 20));
        CLOCK.advance(Duration.ofDays(54));

        health.checkAll();

        // At least this test's two Pages; accounts other tests of the shared application left connected count too.
        assertThat(refreshes("failure")).isGreaterThanOrEqualTo(failed + 2);
        assertThat(refreshes("success")).isEqualTo(succeeded);
    }

    private double refreshes(String result) {
        var counter = registry.find("forkcast.token.refresh").tag("result", result).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void expiringTokensAreCountedWithin24HoursAndSevenDays() {
        double before = registry.get("forkcast.tokens.expiring.within.7d").gauge().value();
        CLOCK.advance(Duration.ofDays(55));

        assertThat(registry.get("forkcast.tokens.expiring.within.7d").gauge().value())
                .isGreaterThanOrEqualTo(before + 2);
        CLOCK.advance(Duration.ofDays(4).plusHours(12));
        assertThat(registry.get("forkcast.tokens.expiring.within.24h").gauge().value())
                .isGreaterThanOrEqualTo(2);
    }

    @Test
    void graphFailingForOneCheckIsRecordedAndTheOthersGoOn() {
        api.post("/sandbox/admin/faults", null, Map.of("operation", "debug_token", "code", 2, "times", 1));

        health.checkAll();

        assertThat(history()).extracting(row -> row.get("outcome")).contains("success");
        assertThat(accounts()).allSatisfy(a -> assertThat(a.get("status").asString()).isEqualTo("active"));
        double successes = registry.get("forkcast.tokens.checks").tag("outcome", "success").counter().count();
        assertThat(successes).isPositive();
    }

    @Test
    void oneBrokenAccountNeverStopsTheOthers() {
        String other = api.createTenant("Other " + System.nanoTime(), "pro");
        String otherKey = api.createKey(other, "read", "write");
        assertThat(new ConnectSteps(api).connect(other, otherKey).status()).isEqualTo(200);
        // A ciphertext copied from another row does not open: this tenant's accounts fail to be checked.
        int broken = new TransactionTemplate(transactionManager).execute(status -> jdbc.sql(
                        "update oauth_tokens set encrypted_token = (select max(encrypted_token) from oauth_tokens "
                                + "where tenant_id = ?) where tenant_id = ?")
                .params(UUID.fromString(other), UUID.fromString(tenant)).update());
        assertThat(broken).isEqualTo(5);

        TokenHealth.Run run = health.checkAll();

        assertThat(run.failed()).isGreaterThanOrEqualTo(3);
        assertThat(api.get("/api/v1/tenants/" + other + "/accounts", otherKey).body().get("items").valueStream())
                .allSatisfy(a -> assertThat(a.get("last_checked_at").isNull()).isFalse());
    }

    @Test
    void disconnectedAccountsAreNotChecked() {
        String page = accounts().stream().filter(a -> a.get("platform").asString().equals("facebook")).findFirst()
                .orElseThrow().get("id").asString();
        api.delete("/api/v1/tenants/" + tenant + "/accounts/" + page, key);

        health.checkAll();

        assertThat(jdbc.sql("select count(*) from token_refresh_history where account_id = ?")
                .param(UUID.fromString(page)).query(Long.class).single()).isZero();
        assertThat(history()).hasSize(3);
    }

    @Test
    void checkRunsOnDemandForOneAccount() {
        String page = accounts().stream().filter(a -> a.get("platform").asString().equals("facebook")).findFirst()
                .orElseThrow().get("id").asString();

        Response response = api.post("/api/v1/tenants/" + tenant + "/accounts/" + page + "/check", key, null);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().get("token_outcomes").toString()).contains("success");
        assertThat(response.body().get("account").get("last_checked_at").isNull()).isFalse();
        assertThat(response.raw().body()).doesNotContain("EAA");
    }

    private static java.time.Instant toInstant(Object value) {
        return value instanceof OffsetDateTime odt ? odt.toInstant() : ((java.sql.Timestamp) value).toInstant();
    }
}
