package io.forkcast.quota;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

class InMemoryRateLimitTest extends EmbeddedApiTest {

    @Test
    void everyTenantResponseCarriesTheRateLimitHeaders() {
        ApiClient api = api();
        String tenant = api.createTenant("Headers Bistro", "pro");
        String key = api.createKey(tenant);

        Response first = api.get("/api/v1/tenants/" + tenant, key);
        Response second = api.get("/api/v1/tenants/" + tenant + "/users", key);

        assertThat(first.header("RateLimit-Limit")).isEqualTo("500");
        assertThat(first.header("RateLimit-Remaining")).isEqualTo("499");
        assertThat(second.header("RateLimit-Remaining")).isEqualTo("498");
        assertThat(Long.parseLong(second.header("RateLimit-Reset"))).isPositive();
    }

    @Test
    void theBasicPlansCallNumber101InTheHourIsRefused() {
        ApiClient api = api();
        String tenant = api.createTenant("Busy Bistro", "basic");
        String key = api.createKey(tenant);

        for (int call = 1; call <= 100; call++) {
            assertThat(api.get("/api/v1/tenants/" + tenant, key).status()).as("call %d", call).isEqualTo(200);
        }
        Response refused = api.get("/api/v1/tenants/" + tenant, key);

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 36L);
        assertThat(refused.text("detail")).contains("basic", "100");
        assertThat(refused.body().get("status_code").asInt()).isEqualTo(429);
    }

    @Test
    void oneTenantsBurstDoesNotSpendAnothersBudget() {
        ApiClient api = api();
        String busy = api.createTenant("Burst Bistro", "basic");
        String busyKey = api.createKey(busy);
        String quiet = api.createTenant("Quiet Bistro", "basic");
        String quietKey = api.createKey(quiet);

        for (int call = 0; call < 101; call++) {
            api.get("/api/v1/tenants/" + busy, busyKey);
        }

        Response response = api.get("/api/v1/tenants/" + quiet, quietKey);
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("RateLimit-Remaining")).isEqualTo("99");
    }

    @Test
    void operatorCallsAreNotCounted() {
        ApiClient api = api();
        String tenant = api.createTenant("Operated Bistro", "basic");

        Response response = api.get("/api/v1/tenants/" + tenant, OPERATOR_TOKEN);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.header("RateLimit-Limit")).isNull();
    }
}
