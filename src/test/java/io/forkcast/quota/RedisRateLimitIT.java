package io.forkcast.quota;

import io.forkcast.ForkcastApplication;
import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.PostgresIntegrationTest;
import io.forkcast.support.RedisKeys;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/** API-call budgets kept in the real Redis, so that every instance of the application draws on the same one. */
class RedisRateLimitIT extends PostgresIntegrationTest {

    @Test
    void basicTenantCallsCarryRateLimitHeaders() {
        ApiClient api = api();
        String tenant = api.createTenant("Headers Diner " + System.nanoTime(), "basic");
        String key = api.createKey(tenant);

        Response first = api.get("/api/v1/tenants/" + tenant, key);
        Response second = api.get("/api/v1/tenants/" + tenant + "/users", key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Limit")).isEqualTo("100");
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("99");
        // One call of a 100-per-hour budget comes back in 36 seconds.
        assertThat(Long.parseLong(first.header("RateLimit-Reset"))).isBetween(1L, 36L);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.header("RateLimit-Remaining")).isEqualTo("98");
    }

    @Test
    void callNumber101InTheHourIsRefusedWith429RetryAfterAndAProblem() {
        ApiClient api = api();
        String tenant = api.createTenant("Busy Diner " + System.nanoTime(), "basic");
        String key = api.createKey(tenant);

        for (int call = 1; call <= 100; call++) {
            assertThat(api.get("/api/v1/tenants/" + tenant, key).status()).as("call %d", call).isEqualTo(200);
        }
        Response refused = api.get("/api/v1/tenants/" + tenant, key);

        assertRefusedForTheHour(refused);
    }

    @Test
    void bucketIsKeptInRedisUnderTheTenantPlanAndLimit() {
        ApiClient api = api();
        String tenant = api.createTenant("Redis Diner " + System.nanoTime(), "basic");
        String key = api.createKey(tenant);
        String bucket = "forkcast:api-calls:" + tenant + ":basic:100";
        assertThat(RedisKeys.exists(RedisKeys.SHARED_REDIS, bucket)).isFalse();

        assertThat(api.get("/api/v1/tenants/" + tenant, key).status()).isEqualTo(200);

        assertThat(RedisKeys.exists(RedisKeys.SHARED_REDIS, bucket)).isTrue();
        // Buckets expire once full again, so idle tenants do not pile up in Redis.
        assertThat(RedisKeys.ttlSeconds(RedisKeys.SHARED_REDIS, bucket)).isPositive();
    }

    @Test
    void bucketLeftInAFormatTheScriptCannotReadCountsAsFull() {
        ApiClient api = api();
        String tenant = api.createTenant("Upgraded Diner " + System.nanoTime(), "basic");
        String key = api.createKey(tenant);
        String bucket = "forkcast:api-calls:" + tenant + ":basic:100";
        // What an earlier version's Bucket4j state looks like to the script: not "<tokens> <updated>".
        RedisKeys.set(RedisKeys.SHARED_REDIS, bucket, "\u0001\u0000binary-state");

        Response first = api.get("/api/v1/tenants/" + tenant, key);
        Response second = api.get("/api/v1/tenants/" + tenant, key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("99");
        assertThat(second.header("RateLimit-Remaining")).isEqualTo("98");
        assertThat(RedisKeys.ttlSeconds(RedisKeys.SHARED_REDIS, bucket)).isPositive();
    }

    @Test
    void twoInstancesDrawOnOneBudget() {
        ApiClient first = api();
        String tenant = first.createTenant("Two Instance Diner " + System.nanoTime(), "basic");
        String key = first.createKey(tenant);
        try (ConfigurableApplicationContext secondInstance = new SpringApplicationBuilder(ForkcastApplication.class)
                .profiles("postgres", "test-postgres")
                .run("--server.port=0")) {
            int secondPort = secondInstance.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            assertThat(secondPort).isNotEqualTo(port);
            ApiClient second = new ApiClient(secondPort);

            Response onFirst = first.get("/api/v1/tenants/" + tenant, key);
            Response onSecond = second.get("/api/v1/tenants/" + tenant, key);
            assertThat(onFirst.status()).isEqualTo(200);
            assertThat(onSecond.status()).isEqualTo(200);
            assertThat(onFirst.header("RateLimit-Remaining")).isEqualTo("99");
            assertThat(onSecond.header("RateLimit-Remaining")).isEqualTo("98");

            for (int call = 3; call <= 100; call++) {
                ApiClient instance = call % 2 == 0 ? second : first;
                assertThat(instance.get("/api/v1/tenants/" + tenant, key).status()).as("call %d", call).isEqualTo(200);
            }

            // Each instance alone has served only 50 calls, yet both refuse: the budget is the tenant's, not theirs.
            assertRefusedForTheHour(first.get("/api/v1/tenants/" + tenant, key));
            assertRefusedForTheHour(second.get("/api/v1/tenants/" + tenant, key));
        }
    }

    @Test
    void operatorCallsAreNotCounted() {
        ApiClient api = api();
        String tenant = api.createTenant("Operated Diner " + System.nanoTime(), "basic");

        Response response = api.get("/api/v1/tenants/" + tenant, OPERATOR_TOKEN);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("RateLimit-Limit")).isNull();
        assertThat(RedisKeys.exists(RedisKeys.SHARED_REDIS, "forkcast:api-calls:" + tenant + ":basic:100")).isFalse();
    }

    private static void assertRefusedForTheHour(Response refused) {
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.header("RateLimit-Limit")).isEqualTo("100");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 36L);
        assertThat(refused.body().get("status_code").asInt()).isEqualTo(429);
        assertThat(refused.text("detail")).contains("basic", "100");
        assertThat(refused.body().get("retry_after_seconds").asLong())
                .isEqualTo(Long.parseLong(refused.header("Retry-After")));
    }
}
