package io.forkcast.quota;

import io.forkcast.ForkcastApplication;
import io.forkcast.support.ApiClient;
import io.forkcast.support.ApiClient.Response;
import io.forkcast.support.PostgresTestDatabase;
import io.forkcast.support.RedisKeys;
import io.forkcast.support.RedisServerProcess;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis going away and coming back, with a private {@code redis-server} this test kills: the instance keeps
 * serving on its own buckets, reports itself degraded (not down), warns once, and returns to the shared buckets.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedisFallbackIT {

    private static final String OUTAGE_WARNING = "Redis does not answer";
    private static final String RECOVERY_NOTICE = "Redis answers again";
    private static final Duration RETRY_INTERVAL = Duration.ofSeconds(1);

    private static RedisServerProcess redis;
    private static ConfigurableApplicationContext application;
    private static ApiClient api;

    private String tenant;
    private String key;

    @BeforeAll
    static void privateRedisAndAnInstanceUsingIt() {
        PostgresTestDatabase.recreateOncePerRun();
        redis = RedisServerProcess.startOnFreePort();
        try {
            // Command-line arguments: they take precedence over the profiles' files, unlike builder properties.
            application = new SpringApplicationBuilder(ForkcastApplication.class)
                    .profiles("postgres", "test-postgres")
                    .run("--server.port=0",
                            "--forkcast.quota.redis-url=" + redis.url(),
                            "--forkcast.quota.redis-retry-interval=" + RETRY_INTERVAL.toSeconds() + "s");
        } catch (RuntimeException e) {
            redis.close();
            throw e;
        }
        api = new ApiClient(application.getEnvironment().getRequiredProperty("local.server.port", Integer.class));
    }

    @AfterAll
    static void stopInstanceAndRedis() {
        try {
            if (application != null) {
                application.close();
            }
        } finally {
            if (redis != null) {
                redis.close();
            }
        }
    }

    @BeforeEach
    void redisRunsAndTheInstanceUsesIt() {
        redis.start();
        // After a previous outage the instance goes back to Redis on the first call past the retry interval.
        String probeTenant = api.createTenant("Probe Cafe " + System.nanoTime(), "basic");
        String probeKey = api.createKey(probeTenant);
        await("rate limits back on Redis").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    api.get("/api/v1/tenants/" + probeTenant, probeKey);
                    return "UP".equals(rateLimitsStatus());
                });
        tenant = api.createTenant("Fallback Cafe " + System.nanoTime(), "basic");
        key = api.createKey(tenant);
    }

    @Test
    void bucketsLiveInThePrivateRedisWhileItAnswers() {
        assertThat(call().status()).isEqualTo(200);

        assertThat(RedisKeys.exists(redis.url(), bucketKey())).isTrue();
        assertThat(RedisKeys.exists(RedisKeys.SHARED_REDIS, bucketKey())).isFalse();
    }

    @Test
    void requestsKeepSucceedingOnThisInstancesOwnBucketsWhileRedisIsDown() {
        for (int call = 1; call <= 3; call++) {
            assertThat(call().header("RateLimit-Remaining")).isEqualTo(Integer.toString(100 - call));
        }

        redis.kill();
        List<Response> responses = pacedCalls(20);

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("RateLimit-Limit")).isEqualTo("100");
        });
        // A fresh bucket of this instance, not the Redis one the three calls above had drawn on.
        assertThat(responses.getFirst().header("RateLimit-Remaining")).isEqualTo("99");
        assertThat(responses.getLast().header("RateLimit-Remaining")).isEqualTo("80");
    }

    @Test
    void healthReportsRateLimitsDegradedWithHttp200WhileRedisIsDown() {
        redis.kill();
        assertThat(call().status()).isEqualTo(200);

        Response health = api.get("/actuator/health", null);
        Response readiness = api.get("/actuator/health/readiness", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.text("status")).isEqualTo("DEGRADED");
        assertThat(health.body().get("components").get("rateLimits").get("status").asString()).isEqualTo("DEGRADED");
        assertThat(health.body().get("components").get("db").get("status").asString()).isEqualTo("UP");
        // A load balancer must keep a degraded instance in rotation.
        assertThat(readiness.status()).isEqualTo(200);
        assertThat(readiness.text("status")).isEqualTo("DEGRADED");
    }

    @Test
    void anOutageLogsOneWarningHoweverManyRequestsAndRetriesItSpans(CapturedOutput output) {
        Set<String> earlierWarnings = linesContaining(output, OUTAGE_WARNING);

        redis.kill();
        // Two and a half seconds of calls: the instance tries Redis again, and fails, twice along the way.
        List<Response> responses = pacedCalls(25);

        assertThat(responses).extracting(Response::status).containsOnly(200);
        Set<String> warnings = linesContaining(output, OUTAGE_WARNING);
        warnings.removeAll(earlierWarnings);
        assertThat(warnings).hasSize(1);
    }

    @Test
    void whenRedisReturnsTheInstanceReportsUpAndSharesItsBucketsThroughRedisAgain(CapturedOutput output) {
        Set<String> earlierNotices = linesContaining(output, RECOVERY_NOTICE);
        redis.kill();
        assertThat(call().status()).isEqualTo(200);
        assertThat(rateLimitsStatus()).isEqualTo("DEGRADED");

        redis.start();
        assertThat(RedisKeys.exists(redis.url(), bucketKey())).as("restarted Redis is empty").isFalse();
        await("rate limits back on Redis").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    call();
                    return "UP".equals(rateLimitsStatus());
                });

        assertThat(RedisKeys.exists(redis.url(), bucketKey())).isTrue();
        assertThat(api.get("/actuator/health", null).text("status")).isEqualTo("UP");
        Set<String> notices = linesContaining(output, RECOVERY_NOTICE);
        notices.removeAll(earlierNotices);
        assertThat(notices).hasSize(1);
    }

    private Response call() {
        return api.get("/api/v1/tenants/" + tenant, key);
    }

    /** Calls one every 100 ms, so that a run of them spans retry intervals without hammering the instance. */
    private List<Response> pacedCalls(int count) {
        List<Response> responses = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> responses.add(call()) && responses.size() >= count);
        return responses;
    }

    private String bucketKey() {
        return "forkcast:api-calls:" + tenant + ":basic:100";
    }

    private static String rateLimitsStatus() {
        return api.get("/actuator/health", null).body().get("components").get("rateLimits").get("status").asString();
    }

    /**
     * Distinct lines, so that a line seen by both the class-level and the test-level capture of the extension
     * counts once; every log line carries its own timestamp.
     */
    private static Set<String> linesContaining(CapturedOutput output, String text) {
        return output.getOut().lines().filter(line -> line.contains(text)).collect(Collectors.toSet());
    }
}
