package io.forkcast.webhooks;

import io.forkcast.posts.DeliveryPublished;
import io.forkcast.posts.PostId;
import io.forkcast.posts.PostingFixtures;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;
import io.forkcast.support.ApiClient;
import io.forkcast.support.FormSession;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Outbound webhooks over HTTP against a real HTTPS receiver started here: events of real posts published through
 * the sandbox, signatures checked the way Standard Webhooks documents them, retries after 500s, rotation, redelivery,
 * disabling an endpoint that keeps failing, validation and isolation.
 */
class WebhooksTest extends SandboxedApiTest {

    private static HttpsReceiver receiver;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    ApplicationEventPublisher events;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void webhooks(DynamicPropertyRegistry properties) {
        properties.add("forkcast.webhooks.allow-private-addresses", () -> "true");
        properties.add("forkcast.webhooks.ssl-bundle", () -> "webhook-receivers");
        properties.add("spring.ssl.bundle.jks.webhook-receivers.truststore.location",
                () -> "classpath:webhooks/receiver.p12");
        properties.add("spring.ssl.bundle.jks.webhook-receivers.truststore.password", () -> "test-receiver");
        properties.add("spring.ssl.bundle.jks.webhook-receivers.truststore.type", () -> "PKCS12");
        // The first retry comes late enough for a test to move the clock before it (its time is set by the clock).
        properties.add("forkcast.webhooks.retry-delays", () -> "3s,1s,1s,1s,1s,1s");
    }

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new HttpsReceiver();
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    private record Tenant(String id, String key) {
        String path(String rest) {
            return "/api/v1/tenants/" + id + "/webhooks" + rest;
        }
    }

    private Tenant newTenant() {
        String id = api().createTenant("Hooked " + UUID.randomUUID(), "pro");
        return new Tenant(id, api().createKey(id, "read", "write", "admin"));
    }

    private JsonNode register(Tenant tenant, String path, String... events) {
        ApiClient.Response made = api().post(tenant.path(""), tenant.key(),
                Map.of("url", receiver.url(path), "description", "kitchen display", "events", List.of(events)));
        assertThat(made.status()).as(made.raw().body()).isEqualTo(201);
        return made.body();
    }

    /** Standard Webhooks: base64 HMAC-SHA256 of "id.timestamp.body" keyed with the decoded whsec_ secret. */
    private static boolean signedWith(String secret, HttpsReceiver.Received message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(Base64.getDecoder().decode(secret.substring("whsec_".length())), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(
                (message.id() + "." + message.timestamp() + "." + message.body()).getBytes(StandardCharsets.UTF_8)));
        return List.of(message.signature().split(" ")).contains("v1," + expected);
    }

    @Test
    void aPublishedPostIsToldToItsEndpointSignedAndOnce() throws Exception {
        Tenant tenant = newTenant();
        String path = "/published-" + UUID.randomUUID();
        JsonNode endpoint = register(tenant, path, "delivery.published", "post.published");
        String secret = endpoint.path("secret").asString();
        assertThat(secret).startsWith("whsec_");
        ApiClient.Response read = api().get(tenant.path("/" + endpoint.path("id").asString()), tenant.key());
        assertThat(read.raw().body()).doesNotContain(secret).doesNotContain("whsec_");

        Map<String, String> accounts = PostingFixtures.connect(api(), tenant.id(), tenant.key());
        String asset = PostingFixtures.upload(port, tenant.id(), tenant.key());
        ApiClient.Response post = api().post("/api/v1/tenants/" + tenant.id() + "/posts", tenant.key(),
                Map.of("targets", PostingFixtures.targets(accounts.get(PostingFixtures.PAGE)),
                        "caption", "Oysters tonight", "asset_ids", List.of(asset), "publish_now", true));
        assertThat(post.status()).as(post.raw().body()).isEqualTo(201);
        String postId = post.text("id");

        List<HttpsReceiver.Received> got = receiver.awaitAt(path, 2);
        for (HttpsReceiver.Received message : got) {
            assertThat(signedWith(secret, message)).as(message.signature()).isTrue();
            assertThat(Math.abs(Long.parseLong(message.timestamp()) - System.currentTimeMillis() / 1000))
                    .isLessThan(600);
        }
        Map<String, JsonNode> byType = new java.util.HashMap<>();
        for (HttpsReceiver.Received message : got) {
            JsonNode body = JSON.readTree(message.body());
            byType.put(body.path("type").asString(), body);
        }
        assertThat(byType).containsOnlyKeys("delivery.published", "post.published");
        JsonNode delivery = byType.get("delivery.published").path("data");
        assertThat(delivery.path("tenant_id").asString()).isEqualTo(tenant.id());
        assertThat(delivery.path("post_id").asString()).isEqualTo(postId);
        assertThat(delivery.path("platform").asString()).isEqualTo("facebook");
        assertThat(delivery.path("platform_post_id").asString()).isNotBlank();
        assertThat(byType.get("post.published").path("data").path("complete").asBoolean()).isTrue();

        // The receiver has the message before the sender records its answer: wait for the record.
        String messages = tenant.path("/" + endpoint.path("id").asString() + "/messages");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            JsonNode items = api().get(messages, tenant.key()).body().path("items");
            return items.size() == 2 && items.valueStream()
                    .allMatch(message -> "delivered".equals(message.path("status").asString()));
        });
        ApiClient.Response log = api().get(messages, tenant.key());
        assertThat(log.body().path("items")).hasSize(2);
        for (JsonNode message : log.body().path("items")) {
            assertThat(message.path("status").asString()).isEqualTo("delivered");
            assertThat(message.path("attempts")).hasSize(1);
            assertThat(message.path("attempts").get(0).path("status_code").asInt()).isEqualTo(204);
            assertThat(got.stream().map(HttpsReceiver.Received::id)).contains(message.path("id").asString());
        }
        // Nothing further: each event went once.
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> receiver.at(path).size() == 2);
    }

    /**
     * A published delivery is kept in the event publication registry (in the transaction that publishes it, until its
     * messages are queued) only for a tenant with an endpoint that wants it: a tenant without pays no record per post.
     */
    @Test
    void anEventIsKeptForTheWebhooksOnlyWhenAnEndpointWantsIt() {
        Tenant wants = newTenant();
        register(wants, "/wants-" + UUID.randomUUID(), "delivery.published");
        Tenant wantsOthers = newTenant();
        register(wantsOthers, "/wants-others-" + UUID.randomUUID(), "delivery.failed", "post.published");
        Tenant none = newTenant();

        assertThat(registryRecordsOnPublishing(wants)).containsExactly(WebhookListeners.WebhookDue.class.getName());
        assertThat(registryRecordsOnPublishing(wantsOthers)).isEmpty();
        assertThat(registryRecordsOnPublishing(none)).isEmpty();
    }

    /**
     * The registry's records of the tenant as a delivery's publication is heard, read in its transaction before it
     * commits (completed records are deleted), then rolled back: no message is queued.
     */
    private List<String> registryRecordsOnPublishing(Tenant tenant) {
        TenantId tenantId = new TenantId(UUID.fromString(tenant.id()));
        UUID delivery = UUID.randomUUID();
        return transactions.execute(status -> {
            events.publishEvent(new DeliveryPublished(tenantId, new PostId(UUID.randomUUID()), delivery,
                    UUID.randomUUID(), Platform.FACEBOOK, "1234567890", Duration.ofMillis(300)));
            List<String> types = jdbc.sql("select event_type from event_publication where serialized_event like ?")
                    .param("%" + delivery + "%").query(String.class).list();
            status.setRollbackOnly();
            return types;
        });
    }

    @Test
    void aFailedDeliveryTellsTheFailureAndTheLostAccount() throws Exception {
        Tenant tenant = newTenant();
        String path = "/failed-" + UUID.randomUUID();
        register(tenant, path, "delivery.failed", "post.failed", "account.needs_reconnect");
        Map<String, String> accounts = PostingFixtures.connect(api(), tenant.id(), tenant.key());
        String asset = PostingFixtures.upload(port, tenant.id(), tenant.key());
        assertThat(api().post("/sandbox/admin/faults", null,
                Map.of("operation", "page/photos", "code", 190, "error_subcode", 460)).status()).isEqualTo(201);
        ApiClient.Response post = api().post("/api/v1/tenants/" + tenant.id() + "/posts", tenant.key(),
                Map.of("targets", PostingFixtures.targets(accounts.get(PostingFixtures.PAGE)),
                        "caption", "Truffle night", "asset_ids", List.of(asset), "publish_now", true));
        assertThat(post.status()).as(post.raw().body()).isEqualTo(201);

        List<String> types = receiver.awaitAt(path, 3).stream()
                .map(message -> JSON.readTree(message.body()).path("type").asString()).toList();
        assertThat(types).containsExactlyInAnyOrder("delivery.failed", "post.failed", "account.needs_reconnect");
    }

    @Test
    void anEndpointAnswering500IsTriedAgainWithTheSameIdUntilItTakesIt() {
        Tenant tenant = newTenant();
        String path = "/flaky-" + UUID.randomUUID();
        JsonNode endpoint = register(tenant, path, "delivery.published");
        String endpointId = endpoint.path("id").asString();
        receiver.answer(path, 500, 503);

        ApiClient.Response test = api().post(tenant.path("/" + endpointId + "/test"), tenant.key(), null);
        assertThat(test.status()).as(test.raw().body()).isEqualTo(202);
        String messageId = test.text("id");

        List<HttpsReceiver.Received> got = receiver.awaitAt(path, 3);
        assertThat(got).extracting(HttpsReceiver.Received::id).containsOnly(messageId);
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(api()
                .get(tenant.path("/" + endpointId + "/messages/" + messageId), tenant.key()).text("status")));
        JsonNode message = api().get(tenant.path("/" + endpointId + "/messages/" + messageId), tenant.key()).body();
        assertThat(message.path("attempt_count").asInt()).isEqualTo(3);
        assertThat(message.path("attempts")).extracting(a -> a.path("status_code").asInt())
                .containsExactly(500, 503, 204);
        assertThat(message.path("attempts").get(0).path("response_excerpt").asString()).isEqualTo("answer 500");
        assertThat(api().get(tenant.path("/" + endpointId), tenant.key()).body().path("failing_since").isNull())
                .isTrue();

        // By hand, once more: the same message, the same id.
        ApiClient.Response again = api().post(tenant.path("/" + endpointId + "/messages/" + messageId
                + "/redeliver"), tenant.key(), null);
        assertThat(again.status()).as(again.raw().body()).isEqualTo(202);
        assertThat(receiver.awaitAt(path, 4).getLast().id()).isEqualTo(messageId);
    }

    @Test
    void afterARotationBothSecretsSignUntilThePreviousOneExpires() throws Exception {
        Tenant tenant = newTenant();
        String path = "/rotated-" + UUID.randomUUID();
        JsonNode endpoint = register(tenant, path, "post.published");
        String endpointId = endpoint.path("id").asString();
        String first = endpoint.path("secret").asString();

        ApiClient.Response rotated = api().post(tenant.path("/" + endpointId + "/rotate-secret"), tenant.key(), null);
        assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(200);
        String second = rotated.text("secret");
        assertThat(second).startsWith("whsec_").isNotEqualTo(first);
        assertThat(rotated.text("previous_secret_expires_at")).isNotNull();

        // The first attempt is refused; the clock moves past the previous secret's day before the retry.
        receiver.answer(path, 500);
        String messageId = api().post(tenant.path("/" + endpointId + "/test"), tenant.key(), null).text("id");
        HttpsReceiver.Received during = receiver.awaitAt(path, 1).getFirst();
        assertThat(signedWith(first, during)).isTrue();
        assertThat(signedWith(second, during)).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> api().get(tenant.path("/" + endpointId + "/messages/"
                + messageId), tenant.key()).body().path("attempt_count").asInt() == 1);

        CLOCK.advance(Duration.ofHours(25));
        HttpsReceiver.Received after = receiver.awaitAt(path, 2).getLast();
        assertThat(after.id()).isEqualTo(messageId);
        assertThat(signedWith(second, after)).isTrue();
        assertThat(signedWith(first, after)).isFalse();
    }

    @Test
    void anEndpointFailingForADayIsDisabledAndCanBeEnabledAgain() {
        Tenant tenant = newTenant();
        String path = "/down-" + UUID.randomUUID();
        receiver.alwaysAnswer(path, 502);
        String endpointId = register(tenant, path, "post.published").path("id").asString();

        String messageId = api().post(tenant.path("/" + endpointId + "/test"), tenant.key(), null).text("id");
        receiver.awaitAt(path, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> api().get(tenant.path("/" + endpointId), tenant.key())
                .body().path("failing_since").isString());
        CLOCK.advance(Duration.ofHours(25));

        await().atMost(Duration.ofSeconds(15)).until(() -> !api().get(tenant.path("/" + endpointId), tenant.key())
                .body().path("enabled").asBoolean());
        JsonNode disabled = api().get(tenant.path("/" + endpointId), tenant.key()).body();
        assertThat(disabled.path("disabled_reason").asString()).contains("Every attempt failed since")
                .contains("502");
        assertThat(api().get(tenant.path("/" + endpointId + "/messages/" + messageId), tenant.key()).text("status"))
                .isEqualTo("failed");
        assertThat(api().post(tenant.path("/" + endpointId + "/messages/" + messageId + "/redeliver"), tenant.key(),
                null).status()).isEqualTo(409);
        // In the audit trail: Forkcast itself did it, and why.
        JsonNode recorded = api().get("/api/v1/tenants/" + tenant.id() + "/audit-events?action=webhook_endpoint.disabled",
                tenant.key()).body().path("items");
        assertThat(recorded).hasSize(1);
        assertThat(recorded.get(0).path("resource_id").asString()).isEqualTo(endpointId);
        assertThat(recorded.get(0).path("actor").path("type").asString()).isEqualTo("forkcast");
        assertThat(recorded.get(0).path("ip_address").isNull()).isTrue();
        assertThat(recorded.get(0).path("summary").asString()).contains(path).contains("Every attempt failed since")
                .contains("502");

        // Back to the real time: what is sent from here is due now.
        CLOCK.reset();
        receiver.alwaysAnswer(path, 200);
        ApiClient.Response enabled = api().patch(tenant.path("/" + endpointId), tenant.key(), Map.of("enabled", true));
        assertThat(enabled.status()).as(enabled.raw().body()).isEqualTo(200);
        assertThat(enabled.body().path("disabled_reason").isNull()).isTrue();
        assertThat(enabled.body().path("failing_since").isNull()).isTrue();
        int before = receiver.at(path).size();
        api().post(tenant.path("/" + endpointId + "/messages/" + messageId + "/redeliver"), tenant.key(), null);
        receiver.awaitAt(path, before + 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> "delivered".equals(api()
                .get(tenant.path("/" + endpointId + "/messages/" + messageId), tenant.key()).text("status")));
    }

    @Test
    void badEndpointsAreRefusedNamingTheField() {
        Tenant tenant = newTenant();
        assertRefused(tenant, Map.of("url", "http://example.com/hook", "events", List.of("post.published")), "url",
                "https://");
        assertRefused(tenant, Map.of("url", receiver.url("/x"), "events", List.of("post.eaten")), "events",
                "post.eaten");
        assertRefused(tenant, Map.of("url", receiver.url("/x"), "events", List.of("webhook.test")), "events",
                "webhook.test");
        assertRefused(tenant, Map.of("url", "https://user:pw@example.com/", "events", List.of("post.published")),
                "url", "user name");
        assertRefused(tenant, Map.of("url", "https://no-such-host.invalid/", "events", List.of("post.published")),
                "url", "does not resolve");
        ApiClient.Response unknownField = api().post(tenant.path(""), tenant.key(),
                Map.of("url", receiver.url("/x"), "events", List.of("post.published"), "secret", "mine"));
        assertThat(unknownField.status()).isEqualTo(400);
        assertThat(api().get(tenant.path(""), tenant.key()).body().path("items")).isEmpty();
    }

    private void assertRefused(Tenant tenant, Map<String, Object> body, String field, String words) {
        ApiClient.Response refused = api().post(tenant.path(""), tenant.key(), body);
        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
        assertThat(refused.raw().body()).contains(field).contains(words);
    }

    @Test
    void anotherTenantsKeyIsRefusedAndItsEndpointsAreNotFound() {
        Tenant owner = newTenant();
        Tenant other = newTenant();
        String endpointId = register(owner, "/mine-" + UUID.randomUUID(), "post.published").path("id").asString();
        String messageId = api().post(owner.path("/" + endpointId + "/test"), owner.key(), null).text("id");

        assertThat(api().get(owner.path(""), other.key()).status()).isEqualTo(403);
        assertThat(api().get(owner.path("/" + endpointId), other.key()).status()).isEqualTo(403);
        assertThat(api().get(other.path("/" + endpointId), other.key()).status()).isEqualTo(404);
        assertThat(api().patch(other.path("/" + endpointId), other.key(), Map.of("enabled", false)).status())
                .isEqualTo(404);
        assertThat(api().post(other.path("/" + endpointId + "/rotate-secret"), other.key(), null).status())
                .isEqualTo(404);
        assertThat(api().get(other.path("/" + endpointId + "/messages"), other.key()).status()).isEqualTo(404);
        assertThat(api().get(other.path("/" + endpointId + "/messages/" + messageId), other.key()).status())
                .isEqualTo(404);
        assertThat(api().delete(other.path("/" + endpointId), other.key()).status()).isEqualTo(404);
        assertThat(api().get(other.path(""), other.key()).body().path("items")).isEmpty();

        String readOnly = api().createKey(owner.id(), "read");
        assertThat(api().get(owner.path("/" + endpointId), readOnly).status()).isEqualTo(200);
        assertThat(api().delete(owner.path("/" + endpointId), readOnly).status()).isEqualTo(403);
        assertThat(api().delete(owner.path("/" + endpointId), owner.key()).status()).isEqualTo(204);
        assertThat(api().get(owner.path("/" + endpointId), owner.key()).status()).isEqualTo(404);
    }

    @Test
    void theOwnerAddsAWebhookOnTheDashboardSeesTheSecretOnceAndItsMessages() {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", "Dashboard Hooks", "email", email, "plan", "pro"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        FormSession owner = new FormSession(port);
        String password = "a long enough password";
        assertThat(owner.submit(created.text("owner_invite_url"), Map.of("password", password,
                "password_again", password)).statusCode()).isEqualTo(302);
        assertThat(owner.get("/app/settings/webhooks").body()).contains("id=\"no-webhooks\"");

        HttpResponse<String> refused = owner.submitFrom("/app/settings/webhooks", "/app/settings/webhooks",
                Map.of("url", "http://plain.example/hook", "events", "post.published"));
        assertThat(refused.statusCode()).isEqualTo(303);
        assertThat(owner.get("/app/settings/webhooks").body()).contains("field-error")
                .contains("Webhooks go to https:// addresses only.").contains("value=\"http://plain.example/hook\"");

        String path = "/dashboard-" + UUID.randomUUID();
        HttpResponse<String> added = owner.submitFrom("/app/settings/webhooks", "/app/settings/webhooks",
                Map.of("url", receiver.url(path), "description", "Kitchen screen", "events", "post.published"));
        assertThat(added.statusCode()).isEqualTo(302);
        String page = owner.get("/app/settings/webhooks").body();
        assertThat(page).contains("id=\"new-secret\"").contains("whsec_").contains("Kitchen screen")
                .contains("A post went out everywhere it was meant to");
        assertThat(owner.get("/app/settings/webhooks").body()).doesNotContain("whsec_");

        String endpointId = api().get("/api/v1/tenants/" + created.text("id") + "/webhooks", ApiClient.OPERATOR_TOKEN)
                .body().path("items").get(0).path("id").asString();
        String detail = "/app/settings/webhooks/" + endpointId;
        assertThat(owner.submitFrom(detail, detail + "/test", Map.of()).statusCode()).isEqualTo(302);
        receiver.awaitAt(path, 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> owner.get(detail).body().contains("taken"));
        assertThat(owner.get(detail).body()).contains("Test message").contains("answered 204");

        assertThat(owner.submitFrom(detail, detail + "/enabled", Map.of("enabled", "false")).statusCode())
                .isEqualTo(302);
        assertThat(owner.get(detail).body()).contains("id=\"off\"").contains("Turned off by the restaurant.");
        assertThat(owner.submitFrom(detail, detail + "/delete", Map.of()).statusCode()).isEqualTo(302);
        assertThat(owner.get("/app/settings/webhooks").body()).contains("id=\"no-webhooks\"");
    }
}
