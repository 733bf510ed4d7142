package io.forkcast;

import io.forkcast.support.ApiClient;
import io.forkcast.support.EmbeddedApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics the dashboards and alerts (deploy/prometheus, deploy/grafana) read, scraped from
 * {@code /actuator/prometheus} after real traffic; and no tag ever carries a token or an e-mail address.
 */
@TestPropertySource(properties = {
        "forkcast.tenancy.plans.tiny.api-calls-per-hour=2",
        "forkcast.tenancy.plans.tiny.posts-per-day=1",
        "forkcast.tenancy.plans.small.api-calls-per-hour=10",
        "forkcast.tenancy.plans.small.posts-per-day=1",
        "forkcast.instance-id=metrics-test-1"})
class MetricsTest extends EmbeddedApiTest {

    private static final String EMAIL = "owner@metrics-bistro.example";

    @Test
    void scrapeHasTheOperationalAndBusinessMetricsWithoutSecretsOrAddresses() {
        ApiClient api = api();
        String tenant = api.post("/api/v1/tenants", OPERATOR_TOKEN, java.util.Map.of(
                "name", "Metrics Bistro", "email", EMAIL, "plan", "tiny")).text("id");
        String key = api.createKey(tenant);
        for (int call = 0; call < 3; call++) {
            api.get("/api/v1/tenants/" + tenant, key);
        }
        api.get("/api/v1/tenants/" + tenant, key + "tampered");
        api.get("/api/v1/tenants/" + EMAIL, OPERATOR_TOKEN);
        api.get("/api/v1/no-such-thing/" + EMAIL, OPERATOR_TOKEN);

        String metrics = api.getText("/actuator/prometheus");

        // Latency histogram per endpoint (the route template, never the raw path), with status and outcome.
        assertThat(metrics).containsPattern(
                "http_server_requests_seconds_bucket\\{[^}]*uri=\"/api/v1/tenants/\\{tenantId}\"[^}]*}");
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*status=\"429\"");
        assertThat(metrics).containsPattern("http_server_requests_seconds_count\\{[^}]*outcome=\"CLIENT_ERROR\"");
        // Connection pool.
        assertThat(metrics).contains("hikaricp_connections_active{");
        assertThat(metrics).contains("hikaricp_connections_max{");
        // Business metrics.
        assertThat(metrics).containsPattern("forkcast_tenant_creations_total\\{[^}]*plan=\"tiny\"[^}]*} 1\\.0");
        assertThat(metrics).containsPattern("forkcast_ratelimit_refusals_total\\{[^}]*plan=\"tiny\"[^}]*} 1\\.0");
        // Accounts and jobs: every series exists from start-up, so that rates and ratios have a baseline.
        assertThat(metrics).containsPattern("forkcast_token_refresh_total\\{[^}]*result=\"failure\"");
        assertThat(metrics).containsPattern("forkcast_token_refresh_total\\{[^}]*result=\"success\"");
        assertThat(metrics).containsPattern("(?m)^forkcast_tokens_expiring_within_24h [0-9]");
        assertThat(metrics).containsPattern(
                "forkcast_oauth_connections_total\\{[^}]*platform=\"instagram\"[^}]*result=\"connected\"");
        assertThat(metrics).containsPattern(
                "forkcast_jobs_completed_total\\{[^}]*job=\"token-health\"[^}]*result=\"failure\"");
        assertThat(metrics).containsPattern("forkcast_jobs_wakeups_total\\{[^}]*reason=\"tick\"");
        // Nothing that identifies a person or opens a door.
        assertThat(metrics).doesNotContain(key).doesNotContain(OPERATOR_TOKEN).doesNotContain(EMAIL)
                .doesNotContain("metrics-bistro");
    }

    @Test
    void tenantsCreatedCountsOnlyTenantsThatExist() {
        ApiClient api = api();
        double before = tenantsCreated(api);
        api.createTenant("Counted Diner", "small");
        api.post("/api/v1/tenants", OPERATOR_TOKEN, java.util.Map.of(
                "name", "Refused Diner", "email", "refused@example.com", "plan", "no-such-plan"));

        assertThat(tenantsCreated(api)).isEqualTo(before + 1);
    }

    @Test
    void responsesNameTheInstanceThatServedThem() {
        assertThat(api().get("/actuator/health", null).header("X-Forkcast-Instance")).isEqualTo("metrics-test-1");
        assertThat(api().get("/api/v1/tenants", OPERATOR_TOKEN).header("X-Forkcast-Instance"))
                .isEqualTo("metrics-test-1");
    }

    @Test
    void withoutRedisThereIsNoRedisAvailabilityGauge() {
        assertThat(api().getText("/actuator/prometheus")).doesNotContain("forkcast_ratelimit_redis_available");
    }

    private static double tenantsCreated(ApiClient api) {
        return api.getText("/actuator/prometheus").lines()
                .filter(line -> line.startsWith("forkcast_tenant_creations_total{") && line.contains("plan=\"small\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
