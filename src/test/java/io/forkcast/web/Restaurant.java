package io.forkcast.web;

import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.FormSession;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A restaurant set up through the API as an owner would have it: a tenant in Paris, its owner's invitation link,
 * a key, the sandbox's Facebook Page and Instagram account connected, and a square and a portrait image.
 */
record Restaurant(String tenantId, String ownerEmail, String ownerInvite, String key, String facebook,
        String instagram, String square, String portrait) {

    static final String PASSWORD = "correct horse battery staple";

    static Restaurant open(ApiClient api, int port, String name) throws Exception {
        String email = "owner-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        ApiClient.Response created = api.post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", name, "email", email, "plan", "pro", "timezone", "Europe/Paris"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String tenant = created.text("id");
        String key = api.createKey(tenant, "read", "write", "admin");
        Map<String, String> accounts = PostingFixtures.connect(api, tenant, key);
        return new Restaurant(tenant, email, created.text("owner_invite_url"), key,
                accounts.get(PostingFixtures.PAGE), accounts.get(PostingFixtures.INSTAGRAM),
                PostingFixtures.upload(port, tenant, key, 1080, 1080),
                PostingFixtures.upload(port, tenant, key, 1080, 1350));
    }

    /** A post through the API to both networks with the square image, at an ISO instant (or now when null). */
    String post(ApiClient api, String caption, String scheduledFor) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("caption", caption, "asset_ids", List.of(square),
                "targets", List.of(Map.of("account_id", facebook), Map.of("account_id", instagram))));
        if (scheduledFor == null) {
            body.put("publish_now", true);
        } else {
            body.put("scheduled_for", scheduledFor);
        }
        ApiClient.Response created = api.post(path("/posts"), key, body);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }

    String path(String rest) {
        return "/api/v1/tenants/" + tenantId + rest;
    }

    /** A signed-in session of the owner (the invitation accepted). */
    FormSession owner(int port) {
        return accept(port, ownerInvite);
    }

    /** A new user of the restaurant with {@code role}, invited and signed in. */
    FormSession user(ApiClient api, int port, String role) {
        String email = role + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        String userId = api.post(path("/users"), key, Map.of("email", email, "role", role)).text("id");
        return accept(port, api.post(path("/users/" + userId + "/invitation"), key, null).text("invite_url"));
    }

    /** The restaurant's accounts are disconnected, so the shared application's health checks leave them be. */
    void close(ApiClient api) {
        api.delete(path("/accounts/" + facebook), key);
        api.delete(path("/accounts/" + instagram), key);
    }

    private static FormSession accept(int port, String link) {
        FormSession session = new FormSession(port);
        HttpResponse<String> accepted = session.submit(link, Map.of("password", PASSWORD, "password_again", PASSWORD));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(302);
        return session;
    }
}
