package io.forkcast.accounts;

import io.forkcast.shared.retention.RetainedData;
import io.forkcast.shared.retention.Retention;
import io.forkcast.support.ApiClient;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.support.PostgresOwnerConnection;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Meta's callbacks and the retention purge on PostgreSQL with row-level security on: both cross tenants as
 * platform work (a tenant-scoped query would see nothing), the backfill of V74 having made the connect's Meta user
 * findable.
 */
class MetaRightsOnPostgresIT extends PostgresIntegrationTest {

    @Autowired
    Retention retention;

    @Test
    void aDataDeletionClearsTheUsersAccountsInTwoTenants_andRetentionPurgesAcrossTenants() throws Exception {
        ApiClient api = api();
        api.post("/sandbox/admin/reset", null, null);
        UUID first = connected(api);
        UUID second = connected(api);
        String user = "10000000000001";
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            db.update("update social_accounts set meta_user_id = 'someone-else' where tenant_id not in (?, ?)",
                    first, second);
        }

        ApiClient.Response sent = api.post("/sandbox/admin/users/" + user + "/data-deletion", null, null);

        assertThat(sent.body().path("status").asInt()).as(sent.raw().body()).isEqualTo(200);
        String code = sent.body().path("body").path("confirmation_code").asString();
        assertThat(api.get("/api/v1/meta/data-deletion/" + code, null).body().path("accounts_cleared").asInt())
                .isEqualTo(6);
        try (PostgresOwnerConnection db = PostgresOwnerConnection.open()) {
            for (UUID tenant : new UUID[] {first, second}) {
                assertThat(db.count("select count(*) from oauth_tokens where tenant_id = ?", tenant)).isZero();
                assertThat(db.count("select count(*) from social_accounts where tenant_id = ? and status = "
                        + "'disconnected' and platform_username is null", tenant)).isEqualTo(3);
            }
            db.update("insert into token_refresh_history (id, tenant_id, account_id, outcome, created_at) "
                    + "select gen_random_uuid(), tenant_id, id, 'success', now() - interval '100 days' "
                    + "from social_accounts where tenant_id in (?, ?)", first, second);
        }

        Map<RetainedData, Retention.Purged> purged = retention.purge(Map.of(RetainedData.OUTSIDE_CALLS,
                Duration.ofDays(90)), 4);

        assertThat(purged.get(RetainedData.OUTSIDE_CALLS)).isEqualTo(new Retention.Purged(6, 2));
    }

    private UUID connected(ApiClient api) {
        String tenant = api.createTenant("Meta rights " + System.nanoTime(), "pro");
        String key = api.createKey(tenant, "read", "write");
        assertThat(new ConnectSteps(api).connect(tenant, key).status()).isEqualTo(200);
        return UUID.fromString(tenant);
    }
}
