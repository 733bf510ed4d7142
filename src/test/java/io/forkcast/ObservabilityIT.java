package io.forkcast;

import io.forkcast.support.ApiClient;
import io.forkcast.support.PostgresIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every metric that deploy/prometheus/alerts.yml and deploy/grafana/forkcast.json read is exported on
 * {@code /actuator/prometheus} by an instance on the postgres profile (PostgreSQL and Redis), except those that
 * modules still being built will export ({@link DeploymentFiles#NOT_YET_EXPORTED}).
 */
@TestPropertySource(properties = {
        "forkcast.tenancy.plans.single.api-calls-per-hour=1",
        "forkcast.tenancy.plans.single.posts-per-day=1",
        // Captions from the OpenAI-compatible writer (the in-process simulator), so that LLM tokens are counted.
        "forkcast.captions.writer=openai"})
class ObservabilityIT extends PostgresIntegrationTest {

    @Test
    void everyMetricTheAlertsAndTheDashboardReadIsExported() {
        ApiClient api = api();
        String tenant = api.createTenant("Observed Grill " + System.nanoTime(), "single");
        String key = api.createKey(tenant);
        api.get("/api/v1/tenants/" + tenant, key);
        api.get("/api/v1/tenants/" + tenant, key);
        String writer = api.createTenant("Observed Diner " + System.nanoTime(), "basic");
        assertThat(api.post("/api/v1/tenants/" + writer + "/captions", OPERATOR_TOKEN, Map.of(
                "item", Map.of("name", "Soup of the day"), "platform", "facebook")).status()).isEqualTo(201);

        // On a loaded machine the first Redis round trip may exceed the 250 ms timeout and the instance falls back
        // for one retry interval; readiness probes bring it back, as they would in a cluster.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            api.get("/actuator/health/readiness", null);
            assertThat(api.getText("/actuator/prometheus")).contains("forkcast_ratelimit_redis_available 1.0");
        });
        String scrape = api.getText("/actuator/prometheus");

        Set<String> missing = new TreeSet<>();
        for (String metric : DeploymentFiles.metricNames()) {
            if (!DeploymentFiles.NOT_YET_EXPORTED.contains(metric)
                    && scrape.lines().noneMatch(line -> line.startsWith(metric + "{") || line.startsWith(metric + " "))) {
                missing.add(metric);
            }
        }
        assertThat(missing).as("metrics used by the alerts or the dashboard but not exported").isEmpty();
        assertThat(scrape).doesNotContain(key).doesNotContain(OPERATOR_TOKEN).doesNotContain("@example.com");
    }
}
