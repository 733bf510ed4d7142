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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

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
        RedisBlackhole redis = new RedisBlackhole();
        // A connection attempt that cannot end before every call has had ample time to answer: the calls that do not
        // make it answer while it is still under way, however slow the machine.
        try (redis; ConfigurableApplicationContext instance = start(redis, "--forkcast.quota.redis-timeout=120s")) {
            ApiClient api = apiOf(instance);
            RateLimitBuckets buckets = instance.getBean(RateLimitBuckets.class);
            String tenant = api.createTenant("Rush Hour Grill " + System.nanoTime(), "basic");
            String key = api.createKey(tenant);
            CountDownLatch go = new CountDownLatch(1);
            ExecutorService callers = Executors.newFixedThreadPool(calls);
            try {
                CompletionService<Integer> answers = new ExecutorCompletionService<>(callers);
                for (int i = 0; i < calls; i++) {
                    answers.submit(() -> {
                        go.await();
                        return api.get("/api/v1/tenants/" + tenant, key).status();
                    });
                }
                go.countDown();

                // One call waits for the connection; the others answer from this instance's own buckets meanwhile.
                for (int answered = 0; answered < calls - 1; answered++) {
                    Future<Integer> answer = answers.poll(100, TimeUnit.SECONDS);
                    assertThat(answer).as("call %d of %d answered before the connection attempt ended", answered + 1,
                            calls - 1).isNotNull();
                    assertThat(answer.get()).isEqualTo(200);
                }
                assertThat(buckets.mode()).as("the one connection attempt is still under way").isEqualTo("redis");
            } finally {
                // Ends the connection attempt (the kernel now refuses it), so the last call answers and the instance
                // stops without waiting for it.
                redis.close();
                callers.shutdown();
            }
        }
    }

    private static ConfigurableApplicationContext start(RedisBlackhole redis, String... arguments) {
        List<String> all = new ArrayList<>(List.of("--server.port=0", "--forkcast.quota.redis-url=" + redis.url()));
        all.addAll(List.of(arguments));
        return new SpringApplicationBuilder(ForkcastApplication.class)
                .profiles("postgres", "test-postgres")
                .run(all.toArray(String[]::new));
    }

    private static ApiClient apiOf(ConfigurableApplicationContext instance) {
        return new ApiClient(instance.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }
}
