package io.forkcast.quota;

import io.forkcast.ForkcastApplication;
import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.PostgresTestDatabase;
import io.forkcast.support.RedisBlackhole;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instance that starts while its Redis cannot be reached at all (a network partition: connection attempts
 * hang instead of being refused). Each test starts its own instance, since only a fresh one has never connected.
 */
class RedisUnreachableIT {

    @BeforeAll
    static void database() {
        PostgresTestDatabase.recreateOncePerRun();
    }

    @Test
    void freshInstanceServesFromItsOwnBucketsAndReportsDegradedWhenRedisCannotBeReached() throws IOException {
        try (RedisBlackhole redis = new RedisBlackhole(); ConfigurableApplicationContext instance = start(redis)) {
            ApiClient api = apiOf(instance);
            String tenant = api.createTenant("Partitioned Grill " + System.nanoTime(), "basic");
            String key = api.createKey(tenant);

            Response response = api.get("/api/v1/tenants/" + tenant, key);

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("RateLimit-Limit")).isEqualTo("100");
            assertThat(response.header("RateLimit-Remaining")).isEqualTo("99");
            Response health = api.get("/actuator/health", null);
            assertThat(health.status()).as(health.body().toString()).isEqualTo(200);
            assertThat(health.body().get("components").get("rateLimits").get("status").asString())
                    .isEqualTo("DEGRADED");
        }
    }

    @Test
    void concurrentFirstCallsDoNotQueueBehindEachOthersConnectionAttempts() throws Exception {
        int calls = 16;
        try (RedisBlackhole redis = new RedisBlackhole(); ConfigurableApplicationContext instance = start(redis)) {
            ApiClient api = apiOf(instance);
            String tenant = api.createTenant("Rush Hour Grill " + System.nanoTime(), "basic");
            String key = api.createKey(tenant);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Duration>> durations = new ArrayList<>();
            try (ExecutorService callers = Executors.newFixedThreadPool(calls)) {
                for (int i = 0; i < calls; i++) {
                    durations.add(callers.submit(() -> {
                        go.await();
                        long start = System.nanoTime();
                        assertThat(api.get("/api/v1/tenants/" + tenant, key).status()).isEqualTo(200);
                        return Duration.ofNanos(System.nanoTime() - start);
                    }));
                }
                go.countDown();
            }

            List<Duration> answeredIn = new ArrayList<>();
            for (Future<Duration> duration : durations) {
                answeredIn.add(duration.get());
            }
            // One connection attempt (redis-timeout, 250 ms) may be waited for; sixteen of them in a row may not.
            assertThat(answeredIn).allSatisfy(duration -> assertThat(duration).isLessThan(Duration.ofSeconds(2)));
        }
    }

    private static ConfigurableApplicationContext start(RedisBlackhole redis) {
        return new SpringApplicationBuilder(ForkcastApplication.class)
                .profiles("postgres", "test-postgres")
                .run("--server.port=0", "--forkcast.quota.redis-url=" + redis.url());
    }

    private static ApiClient apiOf(ConfigurableApplicationContext instance) {
        return new ApiClient(instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
