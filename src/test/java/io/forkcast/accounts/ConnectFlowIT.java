package io.forkcast.accounts;

import io.forkcast.support.ApiClient;
import io.forkcast.support.Browser;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.support.PostgresOwnerConnection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.forkcast.accounts.ConnectSteps.BOTH_PAGES;
import static io.forkcast.accounts.ConnectSteps.pathOf;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The connect flow on PostgreSQL with row-level security on (the application connects as the non-owner role):
 * the anonymous callback finds its state, the tokens land under the state's tenant, the state is consumed once,
 * and the health job crosses tenants explicitly.
 */
class ConnectFlowIT extends PostgresIntegrationTest {

    @Autowired
    TokenHealth health;

    private ApiClient api;
    private String tenant;
    private String key;

    @BeforeEach
    void tenant() {
        api = api();
        api.post("/sandbox/admin/reset", null, null);
        tenant = api.createTenant("Trattoria " + System.nanoTime(), "pro");
        key = api.createKey(tenant, "read", "write");
    }

    @Test
    void browserConnectsThePagesAndTheyAreStoredUnderTheStatesTenant() throws Exception {
        ConnectSteps steps = new ConnectSteps(api);
        Browser.Page result = steps.browser().submit(steps.browser().open(steps.authorizationUrl(tenant, key)),
                "approve", BOTH_PAGES);

        assertThat(result.status()).isEqualTo(200);
        assertThat(result.html()).contains("@trattoria.sandbox");
        assertThat(api.get("/api/v1/tenants/" + tenant + "/accounts", key).body().get("items")).hasSize(3);
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            assertThat(db.count("select count(*) from oauth_tokens where tenant_id = ?", UUID.fromString(tenant)))
                    .isEqualTo(5);
            assertThat(db.count("select count(*) from oauth_state where tenant_id = ?", UUID.fromString(tenant)))
                    .isZero();
        }
    }

    @Test
    void racingCallbacksConsumeTheStateExactlyOnce() throws Exception {
        URI callback = new ConnectSteps(api).consent(tenant, key, "approve", BOTH_PAGES);
        int racers = 6;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Integer> statuses = new ArrayList<>();
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return api.get(pathOf(callback), null).status();
                }));
            }
            start.countDown();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(statuses).containsOnlyOnce(200);
        assertThat(statuses.stream().filter(status -> status == 400)).hasSize(racers - 1);
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            assertThat(db.count("select count(*) from social_accounts where tenant_id = ?", UUID.fromString(tenant)))
                    .isEqualTo(3);
        }
    }

    @Test
    void tokenHealthChecksEveryTenantUnderRowLevelSecurity() throws Exception {
        assertThat(new ConnectSteps(api).connect(tenant, key).status()).isEqualTo(200);

        health.checkAll();

        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            assertThat(db.count("select count(*) from token_refresh_history where tenant_id = ? and outcome = 'success'",
                    UUID.fromString(tenant))).isEqualTo(5);
            assertThat(db.column("select task_name from scheduled_tasks"))
                    .contains(AccountJobs.STATE_CLEANUP, AccountJobs.TOKEN_HEALTH, AccountJobs.TOKEN_RESEAL);
        }
    }
}
