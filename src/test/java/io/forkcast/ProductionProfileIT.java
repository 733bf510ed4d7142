package io.forkcast;

import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.PostgresTestDatabase;
import io.forkcast.support.RedisServerProcess;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;

import static io.forkcast.support.ApiClient.OPERATOR_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A correct production configuration (postgres + prod profiles, real PostgreSQL and Redis) starts, serves, and
 * reports through its metrics whether rate limits are shared through Redis.
 */
class ProductionProfileIT {

    private static final String[] PRODUCTION = {
            "--server.port=0",
            "--spring.datasource.url=" + PostgresTestDatabase.URL,
            "--forkcast.tenancy.admin-token=" + OPERATOR_TOKEN,
            "--forkcast.public-base-url=https://forkcast.example.com",
            "--forkcast.instance-id=prod-it-1",
            "--forkcast.vault.keys.k1=" + "A".repeat(43) + "=",
            "--forkcast.meta.app-secret=the-restaurant-app-secret",
            "--forkcast.google.client-id=1234567890-trattoria.apps.googleusercontent.com",
            "--forkcast.google.client-secret=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",
            "--forkcast.assets.url-signing-key=media-url-signing-key-0123456789abcdef",
            // One instance: its own disk is every instance's.
            "--forkcast.assets.allow-local-storage-in-prod=true"};

    @Test
    void correctProductionConfigurationStartsAndServes() {
        PostgresTestDatabase.recreateOncePerRun();
        try (ConfigurableApplicationContext application = new SpringApplicationBuilder(ForkcastApplication.class)
                .profiles("postgres", "prod")
                .run(PRODUCTION)) {
            assertThat(application.getEnvironment().getActiveProfiles()).containsExactly("postgres", "prod");
            ApiClient api = new ApiClient(port(application));

            Response readiness = api.get("/actuator/health/readiness", null);
            String tenant = api.createTenant("Production Grill " + System.nanoTime(), "basic");

            assertThat(readiness.status()).isEqualTo(200);
            assertThat(readiness.text("status")).isEqualTo("UP");
            assertThat(readiness.header("X-Forkcast-Instance")).isEqualTo("prod-it-1");
            assertThat(api.get("/api/v1/tenants/" + tenant, OPERATOR_TOKEN).status()).isEqualTo(200);
            awaitRedisAvailable(api);
        }
    }

    @Test
    void withGoogleSwitchedOffItStartsWithEmptyGoogleClientSettingsAndAnswersGoogleCallsWithAProblem() {
        PostgresTestDatabase.recreateOncePerRun();
        // The deployment files pass FORKCAST_GOOGLE_CLIENT_ID and _SECRET through, empty without a Google client.
        String[] googleOff = java.util.stream.Stream.concat(
                java.util.Arrays.stream(PRODUCTION).filter(argument -> !argument.startsWith("--forkcast.google.")
                        && !argument.startsWith("--forkcast.instance-id=")),
                java.util.stream.Stream.of("--forkcast.google.enabled=false", "--forkcast.google.client-id=",
                        "--forkcast.google.client-secret=", "--forkcast.instance-id=prod-it-google-off"))
                .toArray(String[]::new);
        try (ConfigurableApplicationContext application = new SpringApplicationBuilder(ForkcastApplication.class)
                .profiles("postgres", "prod")
                .run(googleOff)) {
            ApiClient api = new ApiClient(port(application));
            String tenant = api.createTenant("Google-less Grill " + System.nanoTime(), "basic");

            Response google = api.get("/api/v1/tenants/" + tenant + "/google/reviews", OPERATOR_TOKEN);

            assertThat(api.get("/actuator/health/readiness", null).status()).isEqualTo(200);
            assertThat(google.status()).isEqualTo(404);
            assertThat(google.text("detail")).contains("Google is not enabled");
        }
    }

    @Test
    void redisAvailabilityGaugeFallsToZeroWhileRedisIsAwayAndReturns() {
        PostgresTestDatabase.recreateOncePerRun();
        try (RedisServerProcess redis = RedisServerProcess.startOnFreePort();
             ConfigurableApplicationContext application = new SpringApplicationBuilder(ForkcastApplication.class)
                     .profiles("postgres", "prod")
                     .run(append(PRODUCTION, "--forkcast.quota.redis-url=" + redis.url(),
                             "--forkcast.quota.redis-retry-interval=1s"))) {
            ApiClient api = new ApiClient(port(application));
            awaitRedisAvailable(api);

            redis.kill();
            // A readiness probe asks Redis, as a load balancer's or Kubernetes' probe does.
            api.get("/actuator/health/readiness", null);
            assertThat(api.getText("/actuator/prometheus")).contains("forkcast_ratelimit_redis_available 0.0");

            redis.start();
            awaitRedisAvailable(api);
        }
    }

    /**
     * Readiness probes ask Redis; on a loaded machine a first round trip may exceed the 250 ms timeout, and the
     * instance then returns to Redis at the next probe after the retry interval.
     */
    private static void awaitRedisAvailable(ApiClient api) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            api.get("/actuator/health/readiness", null);
            assertThat(api.getText("/actuator/prometheus")).contains("forkcast_ratelimit_redis_available 1.0");
        });
    }

    private static int port(ConfigurableApplicationContext application) {
        return application.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    private static String[] append(String[] first, String... more) {
        String[] all = java.util.Arrays.copyOf(first, first.length + more.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
