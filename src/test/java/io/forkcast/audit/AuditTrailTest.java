package io.forkcast.audit;

import io.forkcast.posts.PostingFixtures;
import io.forkcast.shared.retention.RetainedData;
import io.forkcast.shared.retention.Retention;
import io.forkcast.support.ApiClient;
import io.forkcast.support.Browser;
import io.forkcast.support.FormSession;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The audit trail over HTTP: changes made with an API key, by the operator, in the dashboard and by Forkcast's own
 * jobs, each recorded with who, what, when and from where and no secret; filters and cursor pages; validation;
 * isolation; no call that changes a record; retention.
 */
class AuditTrailTest extends SandboxedApiTest {

    private static final String PASSWORD = "correct horse battery staple";

    @Autowired
    Retention retention;

    @Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    private record Tenant(String id, String key, String keyId, String ownerEmail, String ownerInvite) {
        String path(String rest) {
            return "/api/v1/tenants/" + id + rest;
        }
    }

    private Tenant newTenant(String name) {
        String email = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", name, "email", email, "plan", "pro", "timezone", "Europe/Paris"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String id = created.text("id");
        ApiClient.Response key = api().post("/api/v1/tenants/" + id + "/api-keys", ApiClient.OPERATOR_TOKEN,
                Map.of("name", "Till integration", "scopes", List.of("read", "write", "admin")));
        assertThat(key.status()).isEqualTo(201);
        return new Tenant(id, key.text("key"), key.text("id"), email, created.text("owner_invite_url"));
    }

    private List<JsonNode> events(Tenant tenant, String query) {
        ApiClient.Response page = api().get(tenant.path("/audit-events" + query), tenant.key());
        assertThat(page.status()).as(page.raw().body()).isEqualTo(200);
        List<JsonNode> items = new ArrayList<>();
        page.body().path("items").forEach(items::add);
        return items;
    }

    private static JsonNode only(List<JsonNode> events, String action) {
        List<JsonNode> found = events.stream().filter(e -> e.path("action").asString().equals(action)).toList();
        assertThat(found).as(action).hasSize(1);
        return found.getFirst();
    }

    @Test
    void everyChangeIsRecordedWithWhoWhatWhenAndFromWhereButNoSecret() throws Exception {
        Tenant tenant = newTenant("Audited Anchovy");
        Map<String, String> accounts = PostingFixtures.connect(api(), tenant.id(), tenant.key());
        String page = accounts.get(PostingFixtures.PAGE);
        String asset = PostingFixtures.upload(port, tenant.id(), tenant.key());
        Instant before = CLOCK.instant().truncatedTo(java.time.temporal.ChronoUnit.MICROS);

        // Posts: created, edited, cancelled with the key.
        ApiClient.Response post = api().post(tenant.path("/posts"), tenant.key(), Map.of(
                "targets", PostingFixtures.targets(page), "caption", "Anchovy toast tonight, only twelve plates",
                "asset_ids", List.of(asset),
                "scheduled_for", CLOCK.instant().plus(Duration.ofDays(2)).toString()));
        assertThat(post.status()).as(post.raw().body()).isEqualTo(201);
        String postId = post.text("id");
        assertThat(api().patch(tenant.path("/posts/" + postId), tenant.key(),
                Map.of("caption", "Anchovy toast tonight")).status()).isEqualTo(200);
        assertThat(api().delete(tenant.path("/posts/" + postId), tenant.key()).status()).isEqualTo(200);

        // Keys: one made and revoked with the key; its secret appears nowhere in the trail.
        ApiClient.Response second = api().post(tenant.path("/api-keys"), tenant.key(),
                Map.of("name", "Agency reports", "scopes", List.of("read")));
        assertThat(second.status()).isEqualTo(201);
        assertThat(api().delete(tenant.path("/api-keys/" + second.text("id")), tenant.key()).status())
                .isIn(200, 204);

        // Users: added, promoted, removed.
        ApiClient.Response user = api().post(tenant.path("/users"), tenant.key(),
                Map.of("email", "sous-chef@example.com", "role", "editor"));
        assertThat(user.status()).as(user.raw().body()).isEqualTo(201);
        assertThat(api().patch(tenant.path("/users/" + user.text("id")), tenant.key(), Map.of("role", "admin"))
                .status()).isEqualTo(200);
        assertThat(api().delete(tenant.path("/users/" + user.text("id")), tenant.key()).status()).isIn(200, 204);

        // Settings, by the operator.
        assertThat(api().patch("/api/v1/tenants/" + tenant.id(), ApiClient.OPERATOR_TOKEN,
                Map.of("timezone", "Europe/Rome")).status()).isEqualTo(200);

        ApiClient.Response all = api().get(tenant.path("/audit-events?limit=200"), tenant.key());
        assertThat(all.status()).isEqualTo(200);
        assertThat(all.raw().body()).doesNotContain(tenant.key()).doesNotContain(second.text("key"));
        List<JsonNode> events = events(tenant, "?limit=200");
        assertThat(events).extracting(e -> e.path("action").asString()).containsSubsequence(
                "settings.changed", "user.removed", "user.changed", "user.added", "api_key.revoked",
                "api_key.created", "post.cancelled", "post.edited", "post.created");

        JsonNode created = only(events, "post.created");
        assertThat(created.path("resource_type").asString()).isEqualTo("post");
        assertThat(created.path("resource_id").asString()).isEqualTo(postId);
        assertThat(created.path("summary").asString()).contains("1 account").contains("Anchovy toast tonight");
        assertThat(created.path("actor").path("type").asString()).isEqualTo("api_key");
        assertThat(created.path("actor").path("id").asString()).isEqualTo(tenant.keyId());
        assertThat(created.path("actor").path("name").asString()).isEqualTo("Till integration");
        assertThat(created.path("ip_address").asString()).isEqualTo("127.0.0.1");
        assertThat(created.path("user_agent").asString()).startsWith("Java-http-client");
        assertThat(Instant.parse(created.path("occurred_at").asString())).isAfterOrEqualTo(before);
        assertThat(only(events, "post.edited").path("summary").asString()).isEqualTo("caption");

        JsonNode keyMade = events.stream().filter(e -> e.path("action").asString().equals("api_key.created")
                && e.path("resource_id").asString().equals(second.text("id"))).findFirst().orElseThrow();
        assertThat(keyMade.path("resource_id").asString()).isEqualTo(second.text("id"));
        assertThat(keyMade.path("summary").asString()).isEqualTo("Agency reports (scopes: read)");
        assertThat(only(events, "user.changed").path("summary").asString())
                .isEqualTo("sous-chef@example.com (role: editor -> admin)");
        JsonNode settings = only(events, "settings.changed");
        assertThat(settings.path("summary").asString()).isEqualTo("time zone: Europe/Paris -> Europe/Rome");
        assertThat(settings.path("actor").path("type").asString()).isEqualTo("operator");
        assertThat(settings.path("actor").path("id").isNull()).isTrue();

        // Connected through the API's OAuth flow: the callback carries no caller; the key that asked for the link
        // is named.
        assertThat(events).anySatisfy(e -> {
            assertThat(e.path("action").asString()).isEqualTo("account.connected");
            assertThat(e.path("resource_id").asString()).isEqualTo(page);
            assertThat(e.path("summary").asString()).startsWith("Facebook ");
            assertThat(e.path("actor").path("type").asString()).isEqualTo("api_key");
            assertThat(e.path("actor").path("id").asString()).isEqualTo(tenant.keyId());
        });

        // In the dashboard, the owner is named by id and e-mail address.
        FormSession owner = new FormSession(port);
        HttpResponse<String> accepted = owner.submit(tenant.ownerInvite(),
                Map.of("password", PASSWORD, "password_again", PASSWORD));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(302);
        HttpResponse<String> moved = owner.submitFrom("/app/settings", "/app/settings/timezone",
                Map.of("timezone", "Europe/Madrid"));
        assertThat(moved.statusCode()).isEqualTo(302);
        JsonNode byOwner = events(tenant, "?action=settings.changed").getFirst();
        assertThat(byOwner.path("summary").asString()).isEqualTo("time zone: Europe/Rome -> Europe/Madrid");
        assertThat(byOwner.path("actor").path("type").asString()).isEqualTo("user");
        assertThat(byOwner.path("actor").path("name").asString()).isEqualTo(tenant.ownerEmail());
        assertThat(byOwner.path("actor").path("id").asString()).isNotBlank();
        assertThat(byOwner.path("user_agent").asString()).isNotBlank();

        // The Activity page lists it in the owner's words.
        String activity = owner.get("/app/settings/activity").body();
        assertThat(activity).contains("Changed the restaurant&#39;s settings").contains(tenant.ownerEmail())
                .contains("Till integration").contains("Created an API key").doesNotContain(second.text("key"));
        String filtered = owner.get("/app/settings/activity?who=operator").body();
        // The operator made the first key and moved the time zone; the key made the rest.
        assertThat(filtered).contains("Europe/Paris -&gt; Europe/Rome").contains("Till integration (scopes:")
                .doesNotContain("Agency reports").doesNotContain("sous-chef@example.com");
        HttpResponse<String> badDay = owner.get("/app/settings/activity?from=yesterday");
        assertThat(badDay.statusCode()).isEqualTo(200);
        assertThat(badDay.body()).contains("Choose a day for").contains("id=\"activity-filters\"");
    }

    @Test
    void profileHoursMenuLibraryAndWebhookChangesAreRecordedWithoutSecrets() throws Exception {
        Tenant tenant = newTenant("Recorded Ravioli");

        assertThat(api().put(tenant.path("/profile"), tenant.key(), Map.of("name", "Ravioli & Co",
                "cuisine", "Pasta", "voice", "upscale")).status()).isEqualTo(200);
        assertThat(api().put(tenant.path("/profile/opening-hours"), tenant.key(), Map.of("weekly",
                List.of(Map.of("day", "friday", "opens", "18:00", "closes", "23:00")))).status()).isEqualTo(200);

        ApiClient.Response dish = api().post(tenant.path("/menu-items"), tenant.key(), Map.of("name", "Ravioli",
                "price", new java.math.BigDecimal("12.00"), "currency", "EUR"));
        assertThat(dish.status()).as(dish.raw().body()).isEqualTo(201);
        String dishId = dish.text("id");
        assertThat(api().patch(tenant.path("/menu-items/" + dishId), tenant.key(), Map.of("name", "Ravioli al burro"))
                .status()).isEqualTo(200);
        assertThat(api().put(tenant.path("/menu-items/" + dishId + "/availability"), tenant.key(),
                Map.of("status", "sold_out")).status()).isEqualTo(200);
        assertThat(api().delete(tenant.path("/menu-items/" + dishId), tenant.key()).status()).isIn(200, 204);

        String asset = PostingFixtures.upload(port, tenant.id(), tenant.key());
        assertThat(api().patch(tenant.path("/assets/" + asset), tenant.key(), Map.of("filename", "ravioli.jpg",
                "tags", List.of("pasta"))).status()).isEqualTo(200);
        assertThat(api().delete(tenant.path("/assets/" + asset), tenant.key()).status()).isIn(200, 204);

        // A receiver's token in the query string is no business of the trail, nor is the signing secret.
        ApiClient.Response hook = api().post(tenant.path("/webhooks"), tenant.key(), Map.of(
                "url", "https://93.184.215.14/hooks/forkcast?token=receiver-token-123",
                "events", List.of("post.published")));
        assertThat(hook.status()).as(hook.raw().body()).isEqualTo(201);
        String hookId = hook.text("id");
        assertThat(api().patch(tenant.path("/webhooks/" + hookId), tenant.key(), Map.of("enabled", false))
                .status()).isEqualTo(200);
        ApiClient.Response rotated = api().post(tenant.path("/webhooks/" + hookId + "/rotate-secret"),
                tenant.key(), null);
        assertThat(rotated.status()).as(rotated.raw().body()).isEqualTo(200);
        assertThat(api().delete(tenant.path("/webhooks/" + hookId), tenant.key()).status()).isIn(200, 204);

        ApiClient.Response all = api().get(tenant.path("/audit-events?limit=200"), tenant.key());
        assertThat(all.raw().body()).doesNotContain("receiver-token-123").doesNotContain(hook.text("secret"))
                .doesNotContain(rotated.text("secret"));
        List<JsonNode> events = events(tenant, "?limit=200");
        assertThat(events).extracting(e -> e.path("action").asString()).containsSubsequence(
                "webhook_endpoint.deleted", "webhook_endpoint.secret_rotated", "webhook_endpoint.changed",
                "webhook_endpoint.created", "asset.deleted", "asset.edited", "asset.uploaded",
                "menu_item.removed", "menu_item.availability_changed", "menu_item.changed", "menu_item.added",
                "opening_hours.changed", "profile.changed");
        assertThat(events).filteredOn(e -> !e.path("action").asString().startsWith("api_key."))
                .allSatisfy(e -> {
                    assertThat(e.path("actor").path("type").asString()).isEqualTo("api_key");
                    assertThat(e.path("actor").path("id").asString()).isEqualTo(tenant.keyId());
                    assertThat(e.path("ip_address").asString()).isEqualTo("127.0.0.1");
                });

        assertThat(only(events, "profile.changed").path("summary").asString()).isEqualTo("name, cuisine, voice");
        assertThat(only(events, "opening_hours.changed").path("summary").asString()).isEqualTo("the week");
        assertThat(only(events, "menu_item.added").path("resource_id").asString()).isEqualTo(dishId);
        assertThat(only(events, "menu_item.changed").path("summary").asString()).isEqualTo("Ravioli al burro");
        assertThat(only(events, "menu_item.availability_changed").path("summary").asString())
                .isEqualTo("Ravioli al burro: sold out");
        assertThat(only(events, "menu_item.removed").path("summary").asString()).isEqualTo("Ravioli al burro");
        assertThat(only(events, "asset.uploaded").path("resource_id").asString()).isEqualTo(asset);
        assertThat(only(events, "asset.edited").path("summary").asString())
                .isEqualTo("ravioli.jpg (filename, tags)");
        assertThat(only(events, "asset.deleted").path("summary").asString()).isEqualTo("ravioli.jpg");
        assertThat(only(events, "webhook_endpoint.created").path("summary").asString())
                .isEqualTo("https://93.184.215.14/hooks/forkcast (events: post.published)");
        assertThat(only(events, "webhook_endpoint.changed").path("summary").asString()).endsWith("(turned off)");
        assertThat(only(events, "webhook_endpoint.secret_rotated").path("resource_id").asString())
                .isEqualTo(hookId);

        // The existing filters find them.
        assertThat(events(tenant, "?resource=menu_item")).hasSize(4);
        assertThat(events(tenant, "?resource=" + asset)).hasSize(3);
        assertThat(events(tenant, "?action=webhook_endpoint.deleted")).hasSize(1);
    }

    @Test
    void anAccountConnectedIsRecordedAsConnectedByWhoeverAskedForTheLink() throws Exception {
        Tenant tenant = newTenant("Connected Carbonara");
        // Through the API: the key asks for the link; the callback comes from the owner's browser, with no key.
        String page = PostingFixtures.connect(api(), tenant.id(), tenant.key()).get(PostingFixtures.PAGE);
        List<JsonNode> byKey = events(tenant, "?action=account.connected&resource=" + page);
        assertThat(byKey).hasSize(1);
        assertThat(byKey.getFirst().path("actor").path("type").asString()).isEqualTo("api_key");
        assertThat(byKey.getFirst().path("actor").path("id").asString()).isEqualTo(tenant.keyId());
        assertThat(byKey.getFirst().path("actor").path("name").asString()).isEqualTo("Till integration");

        // A link asked for by the operator: the operator is named.
        Browser browser = new Browser();
        ApiClient.Response link = api().get("/api/v1/oauth/facebook/authorize?tenant_id=" + tenant.id(),
                ApiClient.OPERATOR_TOKEN);
        assertThat(link.status()).isEqualTo(200);
        URI callback = browser.submitAndStop(browser.open(URI.create(link.text("authorization_url"))), "approve",
                Set.of(PostingFixtures.PAGE));
        assertThat(api().get(callback.getRawPath() + "?" + callback.getRawQuery(), null).status()).isEqualTo(200);
        assertThat(events(tenant, "?action=account.connected&resource=" + page).getFirst()
                .path("actor").path("type").asString()).isEqualTo("operator");

        // Through the dashboard: the owner who clicked Connect is named.
        FormSession owner = new FormSession(port);
        assertThat(owner.submit(tenant.ownerInvite(), Map.of("password", PASSWORD, "password_again", PASSWORD))
                .statusCode()).isEqualTo(302);
        HttpResponse<String> started = owner.submitFrom("/app/accounts", "/app/accounts/connect", Map.of());
        assertThat(started.statusCode()).isEqualTo(302);
        URI dialog = URI.create(started.headers().firstValue("Location").orElseThrow());
        URI back = browser.submitAndStop(browser.open(dialog), "approve", Set.of(PostingFixtures.PAGE));
        assertThat(back.getRawPath()).isEqualTo("/app/accounts/connected");
        assertThat(owner.get(back.getRawPath() + "?" + back.getRawQuery()).statusCode()).isEqualTo(302);
        JsonNode byOwner = events(tenant, "?action=account.connected&resource=" + page).getFirst();
        assertThat(byOwner.path("actor").path("type").asString()).isEqualTo("user");
        assertThat(byOwner.path("actor").path("name").asString()).isEqualTo(tenant.ownerEmail());
        assertThat(events(tenant, "?action=account.connected&resource=" + page)).hasSize(3);
        accountsOf(tenant).forEach(id -> api().delete(tenant.path("/accounts/" + id), tenant.key()));
    }

    private List<String> accountsOf(Tenant tenant) {
        List<String> ids = new ArrayList<>();
        api().get(tenant.path("/accounts"), tenant.key()).body().path("items")
                .forEach(account -> ids.add(account.path("id").asString()));
        return ids;
    }

    @Test
    void forkcastsOwnJobsAreNamedAsForkcastWithoutAnAddress() throws Exception {
        Tenant tenant = newTenant("Job Journal");
        Map<String, String> accounts = PostingFixtures.connect(api(), tenant.id(), tenant.key());
        String asset = PostingFixtures.upload(port, tenant.id(), tenant.key());
        ApiClient.Response post = api().post(tenant.path("/posts"), tenant.key(), Map.of(
                "targets", PostingFixtures.targets(accounts.get(PostingFixtures.PAGE)), "caption", "Now!",
                "asset_ids", List.of(asset), "publish_now", true));
        assertThat(post.status()).as(post.raw().body()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(20)).until(() -> !events(tenant, "?action=post.published").isEmpty());
        JsonNode published = events(tenant, "?action=post.published").getFirst();
        assertThat(published.path("resource_id").asString()).isEqualTo(post.text("id"));
        assertThat(published.path("actor").path("type").asString()).isEqualTo("forkcast");
        assertThat(published.path("actor").path("name").asString()).isEqualTo("Forkcast");
        assertThat(published.path("ip_address").isNull()).isTrue();
        assertThat(events(tenant, "?actor=forkcast&resource=" + post.text("id")))
                .extracting(e -> e.path("action").asString()).containsExactly("post.published");
    }

    @Test
    void filtersAndCursorPagesWalkTheTrailNewestFirst() {
        Tenant tenant = newTenant("Paged Pesto");
        for (int i = 0; i < 5; i++) {
            assertThat(api().post(tenant.path("/api-keys"), tenant.key(), Map.of("name", "key " + i)).status())
                    .isEqualTo(201);
        }
        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            ApiClient.Response page = api().get(tenant.path("/audit-events?action=api_key.created&limit=2"
                    + (cursor == null ? "" : "&cursor=" + cursor)), tenant.key());
            assertThat(page.status()).isEqualTo(200);
            page.body().path("items").forEach(e -> seen.add(e.path("summary").asString()));
            cursor = page.body().path("next_cursor").isNull() ? null : page.body().path("next_cursor").asString();
            pages++;
        } while (cursor != null);
        // The operator's key of newTenant first, then the five, newest first.
        assertThat(seen).hasSize(6).startsWith("key 4 (scopes: read, write)", "key 3 (scopes: read, write)");
        assertThat(seen.getLast()).startsWith("Till integration");
        assertThat(pages).isEqualTo(3);
        assertThat(new HashSet<>(seen)).hasSize(6);

        assertThat(events(tenant, "?actor=" + tenant.keyId())).hasSize(5);
        assertThat(events(tenant, "?actor=operator")).hasSize(1);
        assertThat(events(tenant, "?resource=api_key")).hasSize(6);
        assertThat(events(tenant, "?resource=post")).isEmpty();
        Instant later = CLOCK.instant().plusSeconds(60);
        assertThat(events(tenant, "?from=" + later)).isEmpty();
        assertThat(events(tenant, "?to=" + later)).hasSize(6);
        assertThat(events(tenant, "?from=" + CLOCK.instant().minusSeconds(60) + "&to=" + later)).hasSize(6);
    }

    @Test
    void aFilterThatMakesNoSenseIsA400NamingIt() {
        Tenant tenant = newTenant("Picky Pickles");
        Map<String, String> refused = Map.of(
                "?action=post.deleted", "action", "?actor=someone", "actor", "?resource=menu", "resource",
                "?from=yesterday", "from", "?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to",
                "?limit=0", "limit", "?limit=201", "limit", "?cursor=not-a-cursor", "cursor");
        refused.forEach((query, field) -> {
            ApiClient.Response answer = api().get(tenant.path("/audit-events" + query), tenant.key());
            assertThat(answer.status()).as(query).isEqualTo(400);
            assertThat(answer.contentType().orElse("")).as(query).startsWith("application/problem+json");
            if (!field.equals("cursor")) {
                assertThat(answer.raw().body()).as(query).contains(field);
            }
        });
    }

    @Test
    void onlyTheTenantsAdminsReadItsTrailAndNoCallChangesARecord() {
        Tenant tenant = newTenant("Guarded Gnocchi");
        Tenant other = newTenant("Nosy Neighbour");
        String readWrite = api().createKey(tenant.id(), "read", "write");
        assertThat(api().get(tenant.path("/audit-events"), readWrite).status()).isEqualTo(403);
        assertThat(api().get(tenant.path("/audit-events"), other.key()).status()).isEqualTo(403);
        assertThat(api().get(tenant.path("/audit-events"), null).status()).isEqualTo(401);
        assertThat(api().get(tenant.path("/audit-events"), ApiClient.OPERATOR_TOKEN).status()).isEqualTo(200);
        assertThat(api().get("/api/v1/tenants/" + UUID.randomUUID() + "/audit-events", ApiClient.OPERATOR_TOKEN)
                .status()).isEqualTo(404);
        // Another tenant's resource is not found in this trail, nor this tenant's records in the other's.
        assertThat(events(tenant, "?resource=" + other.keyId())).isEmpty();
        assertThat(events(other, "?limit=200")).extracting(e -> e.path("resource_id").asString())
                .doesNotContain(tenant.keyId());

        List<JsonNode> before = events(tenant, "");
        String id = before.getFirst().path("id").asString();
        for (String method : List.of("POST", "PUT", "PATCH", "DELETE")) {
            for (String path : List.of("/audit-events", "/audit-events/" + id)) {
                ApiClient.Response answer = api().send(method, tenant.path(path), tenant.key(),
                        Map.of("summary", "nothing happened"), "application/json");
                assertThat(answer.status()).as(method + " " + path).isIn(404, 405);
            }
        }
        assertThat(events(tenant, "")).isEqualTo(before);
    }

    @Test
    void onH2ATriggerRefusesToChangeOrDeleteARecordButTheTenantsDeletionTakesThem() {
        Tenant tenant = newTenant("Trigger Tagliatelle");
        UUID tenantId = UUID.fromString(tenant.id());
        List<JsonNode> before = events(tenant, "");
        assertThat(before).isNotEmpty();

        assertThatThrownBy(() -> jdbc.sql("update audit_events set summary = 'nothing happened' where tenant_id = ?")
                .param(tenantId).update())
                .isInstanceOf(org.springframework.dao.DataAccessException.class)
                .hasStackTraceContaining("Audit records cannot be changed");
        assertThatThrownBy(() -> jdbc.sql("delete from audit_events where tenant_id = ?").param(tenantId).update())
                .isInstanceOf(org.springframework.dao.DataAccessException.class)
                .hasStackTraceContaining("Audit records cannot be deleted");
        assertThat(events(tenant, "")).isEqualTo(before);

        assertThat(api().delete("/api/v1/tenants/" + tenant.id(), ApiClient.OPERATOR_TOKEN).status())
                .isEqualTo(204);
        assertThat(jdbc.sql("select count(*) from audit_events where tenant_id = ?").param(tenantId)
                .query(Long.class).single()).isZero();
    }

    @Test
    void recordsOlderThanTheRetentionPeriodArePurged() {
        Tenant tenant = newTenant("Fading Fennel");
        assertThat(events(tenant, "")).isNotEmpty();
        CLOCK.advance(Duration.ofDays(3));
        assertThat(api().post(tenant.path("/api-keys"), tenant.key(), Map.of("name", "fresh")).status())
                .isEqualTo(201);
        Retention.Purged purged = retention.purge(Map.of(RetainedData.AUDIT, Duration.ofDays(2)), 1)
                .get(RetainedData.AUDIT);
        assertThat(purged.rows()).isPositive();
        assertThat(events(tenant, "")).extracting(e -> e.path("summary").asString())
                .containsExactly("fresh (scopes: read, write)");
    }
}
