package io.forkcast.tenancy;

import io.forkcast.support.ApiClient;
import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.support.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cache of verified API keys on the request path: a key is read from the database once however many requests
 * present it together, a key in use is read again in the background before its entry ages out, and a key revoked on
 * another instance stops working once the cache's time has passed.
 */
class ApiKeyCacheTest extends EmbeddedApiTest {

    private static final Duration TTL = Duration.ofSeconds(2);

    @Autowired
    ApiKeyRepository keyRepository;
    @Autowired
    TenantRepository tenants;
    @Autowired
    TenantClosureRepository closures;
    @Autowired
    CurrentTenant currentTenant;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    TenancyProperties properties;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    JdbcTemplate jdbc;

    private final AtomicInteger lookups = new AtomicInteger();
    private final MutableClock clock = new MutableClock();
    private ApiKeys keys;
    private String secret;

    @BeforeEach
    void anInstanceWithAShortCache() {
        ApiClient api = api();
        String tenant = api.createTenant("Cache Bistro", "basic");
        secret = api.createKey(tenant, "read");
        ApiKeyRepository counting = (ApiKeyRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ApiKeyRepository.class}, (proxy, method, args) -> {
                    if (method.getName().equals("findBySecretSha256")) {
                        lookups.incrementAndGet();
                    }
                    try {
                        return method.invoke(keyRepository, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        TenancyProperties shortCache = new TenancyProperties(properties.adminToken(),
                properties.generateAdminToken(), properties.adminTokenFile(), properties.plans(),
                properties.defaultPlan(), TTL, properties.tenantCacheTtl(), properties.rowLevelSecurity(),
                properties.inviteLifetime(), properties.passwordResetLifetime(), properties.closureGracePeriod());
        keys = new ApiKeys(counting, tenants, closures, currentTenant, transactions, shortCache,
                clock, events);
    }

    @Test
    void aKeyPresentedByManyRequestsAtOnceIsReadOnce() throws Exception {
        int requests = 16;
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Optional<ApiKeys.VerifiedKey>>> answers = new ArrayList<>();
        try (ExecutorService threads = Executors.newFixedThreadPool(requests)) {
            for (int i = 0; i < requests; i++) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return keys.verify(secret);
                }));
            }
            start.countDown();
            for (Future<Optional<ApiKeys.VerifiedKey>> answer : answers) {
                assertThat(answer.get()).isPresent();
            }
        }

        assertThat(lookups).hasValue(1);
    }

    @Test
    void aKeyInUseIsReadAgainBeforeItsEntryAgesOutWithoutRefusingItsCallers() {
        assertThat(keys.verify(secret)).isPresent();
        assertThat(lookups).hasValue(1);

        // Past half the cache's time, before the entry ages out: the call is answered from memory and sets off a read.
        clock.advance(TTL.dividedBy(2).plusMillis(1));
        assertThat(keys.verify(secret)).isPresent();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(lookups).hasValue(2));
        // The entry read again lives on: a whole cache time after the first read the key is still known in memory.
        clock.advance(TTL.dividedBy(2));
        assertThat(keys.verify(secret)).isPresent();
        assertThat(lookups).hasValue(2);
    }

    @Test
    void aKeyRevokedOnAnotherInstanceIsRefusedOnceTheCacheTimeHasPassed() {
        assertThat(keys.verify(secret)).isPresent();

        // As another instance would: straight in the database, this instance's cache not told.
        Integer revoked = transactions.execute(status -> jdbc.update(
                "update api_keys set revoked_at = current_timestamp where secret_sha256 = ?",
                ApiKeys.sha256(secret)));
        assertThat(revoked).isOne();

        assertThat(keys.verify(secret)).as("within the cache's time").isPresent();
        clock.advance(TTL.plusMillis(1));
        assertThat(keys.verify(secret)).as("once it has passed").isEmpty();
    }

    @Test
    void anUnknownKeyIsNotKept() {
        assertThat(keys.verify("fk_" + "x".repeat(43))).isEmpty();
        assertThat(keys.verify("fk_" + "x".repeat(43))).isEmpty();

        assertThat(lookups).hasValue(2);
    }
}
