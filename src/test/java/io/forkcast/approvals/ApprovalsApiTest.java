package io.forkcast.approvals;

import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.forkcast.posts.PostingFixtures.INSTAGRAM;
import static io.forkcast.posts.PostingFixtures.PAGE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Approvals over HTTP: API keys without the {@code admin} scope count as editors, keys with it as admins. The posts
 * go to the sandbox's Page and Instagram account and are published by the real publish job.
 */
class ApprovalsApiTest extends SandboxedApiTest {

    private String tenant;
    private String admin;
    private String editor;
    private Map<String, String> accounts;
    private String asset;

    @BeforeEach
    void tenantWithEditorsNeedingApproval() throws Exception {
        tenant = api().createTenant("Approvals " + UUID.randomUUID().toString().substring(0, 8), "basic");
        admin = api().createKey(tenant, "read", "write", "admin");
        editor = api().createKey(tenant, "read", "write");
        accounts = PostingFixtures.connect(api(), tenant, admin);
        asset = PostingFixtures.upload(port, tenant, admin);
        ApiClient.Response on = api().put(path("/approval-settings"), admin, Map.of("editors_need_approval", true));
        assertThat(on.status()).as(on.raw().body()).isEqualTo(200);
        assertThat(on.body().path("editors_need_approval").asBoolean()).isTrue();
    }

    @AfterEach
    void disconnect() {
        accounts.values().forEach(id -> api().delete(path("/accounts/" + id), admin));
    }

    @Test
    void anEditorsPostWaitsAndNeverPublishes_untilAnAdminApprovesIt_thenTheJobPublishesIt() {
        ApiClient.Response created = create(editor, Map.of("publish_now", true));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.text("status")).isEqualTo("pending_approval");
        created.body().path("deliveries").forEach(d -> assertThat(d.path("status").asString()).isEqualTo("held"));
        String post = created.text("id");
        assertThat(listed("pending_approval")).contains(post);

        ApiClient.Response approval = api().get(path("/posts/" + post + "/approval"), editor);
        assertThat(approval.text("stage")).isEqualTo("pending_approval");
        assertThat(approval.body().path("history").get(0).path("action").asString()).isEqualTo("requested");
        assertThat(approval.body().path("history").get(0).path("by").path("kind").asString()).isEqualTo("api_key");
        assertThat(approval.body().path("history").get(0).path("by").path("name").asString())
                .isEqualTo("API key test key");

        // A held delivery of a pending post cannot be pushed out by hand either.
        String delivery = created.body().path("deliveries").get(0).path("id").asString();
        assertThat(api().post(path("/posts/" + post + "/deliveries/" + delivery + "/retry"), editor, null).status())
                .isEqualTo(409);
        assertThat(api().get("/sandbox/admin/published", null).body().path("data")).isEmpty();

        ApiClient.Response byEditor = api().post(path("/posts/" + post + "/approval/approve"), editor, Map.of());
        assertThat(byEditor.status()).isEqualTo(403);
        assertThat(api().get(path("/posts/" + post), editor).text("status")).isEqualTo("pending_approval");

        // It was written for "now", which has passed: the approver says when.
        ApiClient.Response late = api().post(path("/posts/" + post + "/approval/approve"), admin, Map.of());
        assertThat(late.status()).as(late.raw().body()).isEqualTo(409);
        assertThat(late.text("detail")).contains("pick a new time");
        assertThat(late.body().path("scheduled_for").isMissingNode()).isFalse();

        ApiClient.Response approved = api().post(path("/posts/" + post + "/approval/approve"), admin,
                Map.of("publish_now", true, "comment", "Lovely"));
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        PostingFixtures.awaitStatus(api(), tenant, admin, post, "published");
        List<String> actions = actions(post);
        assertThat(actions).containsExactly("requested", "approved");
        JsonNode decided = api().get(path("/posts/" + post + "/approval"), admin).body().path("history").get(1);
        assertThat(decided.path("comment").asString()).isEqualTo("Lovely");
        assertThat(decided.path("at").asString()).isNotBlank();

        // The audit trail holds the request and the decision, with who made each.
        JsonNode trail = api().get(path("/audit-events?resource=" + post + "&limit=50"), admin).body().path("items");
        assertThat(trail.valueStream().map(e -> e.path("action").asString()).toList())
                .contains("approval.requested", "approval.approved");
        assertThat(trail.valueStream().filter(e -> e.path("action").asString().equals("approval.approved"))
                .map(e -> e.path("summary").asString())).singleElement().asString().contains("with a comment");
    }

    @Test
    void approvalSchedulesThePostAsWritten_andAnEditorsChangeAfterwardsNeedsApprovalAgain() {
        Instant at = CLOCK.instant().plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.SECONDS);
        String post = create(editor, Map.of("scheduled_for", at.toString())).text("id");
        ApiClient.Response approved = api().post(path("/posts/" + post + "/approval/approve"), admin, null);
        assertThat(approved.status()).as(approved.raw().body()).isEqualTo(200);
        assertThat(approved.text("status")).isEqualTo("scheduled");
        assertThat(Instant.parse(approved.text("scheduled_for"))).isEqualTo(at);
        assertThat(api().get(path("/posts/" + post + "/approval"), admin).text("stage")).isEqualTo("approved");

        // An admin's own change keeps it approved; an editor's puts it back in the queue.
        assertThat(api().patch(path("/posts/" + post), admin, Map.of("caption", "Pasta by the owner")).text("status"))
                .isEqualTo("scheduled");
        ApiClient.Response changed = api().patch(path("/posts/" + post), editor, Map.of("caption", "Pasta, edited"));
        assertThat(changed.status()).as(changed.raw().body()).isEqualTo(200);
        assertThat(changed.text("status")).isEqualTo("pending_approval");
        assertThat(actions(post)).containsExactly("requested", "approved", "requested");
    }

    @Test
    void changesRequestedSendTheDraftBack_theEditorSubmitsAgain_andARejectionCancelsIt() {
        Instant at = CLOCK.instant().plus(Duration.ofHours(3));
        String post = create(editor, Map.of("scheduled_for", at.toString())).text("id");
        assertThat(api().post(path("/posts/" + post + "/approval/request-changes"), admin, Map.of()).status())
                .isEqualTo(400);
        ApiClient.Response back = api().post(path("/posts/" + post + "/approval/request-changes"), admin,
                Map.of("comment", "Say it is homemade"));
        assertThat(back.status()).as(back.raw().body()).isEqualTo(200);
        assertThat(back.text("status")).isEqualTo("draft");
        // A draft is not approved by mistake, and still does not publish.
        assertThat(api().post(path("/posts/" + post + "/approval/approve"), admin, null).status()).isEqualTo(409);

        ApiClient.Response edited = api().patch(path("/posts/" + post), editor,
                Map.of("caption", "Homemade pasta tonight"));
        assertThat(edited.text("status")).isEqualTo("draft");
        ApiClient.Response submitted = api().post(path("/posts/" + post + "/approval/submit"), editor, null);
        assertThat(submitted.status()).as(submitted.raw().body()).isEqualTo(200);
        assertThat(submitted.text("status")).isEqualTo("pending_approval");
        assertThat(api().post(path("/posts/" + post + "/approval/submit"), editor, null).status()).isEqualTo(409);

        assertThat(api().post(path("/posts/" + post + "/approval/reject"), editor, null).status()).isEqualTo(403);
        ApiClient.Response rejected = api().post(path("/posts/" + post + "/approval/reject"), admin,
                Map.of("comment", "Not this week"));
        assertThat(rejected.status()).as(rejected.raw().body()).isEqualTo(200);
        assertThat(rejected.text("status")).isEqualTo("cancelled");
        assertThat(api().get(path("/posts/" + post + "/approval"), admin).text("stage")).isEqualTo("rejected");
        assertThat(actions(post)).containsExactly("requested", "changes_requested", "requested", "rejected");
        assertThat(api().post(path("/posts/" + post + "/approval/approve"), admin, null).status()).isEqualTo(409);
    }

    @Test
    void withTheSettingOffOrForAnAdmin_postsAreScheduledAtOnce() {
        Instant at = CLOCK.instant().plus(Duration.ofHours(3));
        assertThat(create(admin, Map.of("scheduled_for", at.toString())).text("status")).isEqualTo("scheduled");
        assertThat(api().put(path("/approval-settings"), editor, Map.of("editors_need_approval", false)).status())
                .isEqualTo(403);
        api().put(path("/approval-settings"), admin, Map.of("editors_need_approval", false));
        assertThat(api().get(path("/approval-settings"), editor).body().path("editors_need_approval").asBoolean())
                .isFalse();
        assertThat(create(editor, Map.of("scheduled_for", at.toString())).text("status")).isEqualTo("scheduled");
        assertThat(api().put(path("/approval-settings"), admin, Map.of()).status()).isEqualTo(400);
    }

    @Test
    void commentsAreAThreadPerPost_eachAuthorDeletesOnlyTheirOwn() {
        String post = create(editor, Map.of("scheduled_for", CLOCK.instant().plus(Duration.ofHours(3)).toString()))
                .text("id");
        ApiClient.Response first = api().post(path("/posts/" + post + "/comments"), editor,
                Map.of("body", "Is the photo right?"));
        assertThat(first.status()).as(first.raw().body()).isEqualTo(201);
        assertThat(first.body().path("author").path("kind").asString()).isEqualTo("api_key");
        ApiClient.Response second = api().post(path("/posts/" + post + "/comments"), admin, Map.of("body", "Yes"));
        assertThat(api().post(path("/posts/" + post + "/comments"), admin, Map.of("body", " ")).status())
                .isEqualTo(400);
        assertThat(api().post(path("/posts/" + post + "/comments"), admin, Map.of("body", "x".repeat(2001)))
                .status()).isEqualTo(400);

        JsonNode thread = api().get(path("/posts/" + post + "/comments"), editor).body().path("items");
        assertThat(thread).hasSize(2);
        assertThat(thread.get(0).path("body").asString()).isEqualTo("Is the photo right?");
        assertThat(thread.get(1).path("created_at").asString()).isNotBlank();

        assertThat(api().delete(path("/posts/" + post + "/comments/" + second.text("id")), editor).status())
                .isEqualTo(403);
        assertThat(api().delete(path("/posts/" + post + "/comments/" + first.text("id")), editor).status())
                .isEqualTo(204);
        assertThat(api().get(path("/posts/" + post + "/comments"), editor).body().path("items")).hasSize(1);
        assertThat(api().delete(path("/posts/" + post + "/comments/" + first.text("id")), editor).status())
                .isEqualTo(404);
    }

    @Test
    void anotherTenantsKeyIsRefused_andAnotherTenantsPostIsNotFound() {
        String post = create(editor, Map.of("scheduled_for", CLOCK.instant().plus(Duration.ofHours(3)).toString()))
                .text("id");
        String other = api().createTenant("Other " + UUID.randomUUID().toString().substring(0, 8), "basic");
        String otherKey = api().createKey(other, "read", "write", "admin");
        for (String suffix : List.of("/approval", "/comments", "/share-links")) {
            assertThat(api().get(path("/posts/" + post + suffix), otherKey).status()).as(suffix).isEqualTo(403);
            assertThat(api().get("/api/v1/tenants/" + other + "/posts/" + post + suffix, otherKey).status())
                    .as(suffix).isEqualTo(404);
        }
        assertThat(api().post(path("/posts/" + post + "/approval/approve"), otherKey, null).status()).isEqualTo(403);
        assertThat(api().post("/api/v1/tenants/" + other + "/posts/" + post + "/approval/approve", otherKey, null)
                .status()).isEqualTo(404);
        assertThat(api().post("/api/v1/tenants/" + other + "/posts/" + post + "/comments", otherKey,
                Map.of("body", "hi")).status()).isEqualTo(404);
        assertThat(api().post("/api/v1/tenants/" + other + "/posts/" + post + "/share-links", otherKey, null)
                .status()).isEqualTo(404);
        assertThat(api().put(path("/approval-settings"), otherKey, Map.of("editors_need_approval", false)).status())
                .isEqualTo(403);
        assertThat(api().get(path("/posts/" + post), editor).text("status")).isEqualTo("pending_approval");
    }

    @Test
    void aShareLinkOpensAPreviewWithoutAnAccount_andDecidesOnce() throws Exception {
        Instant at = CLOCK.instant().plus(Duration.ofHours(3));
        String post = create(editor, Map.of("scheduled_for", at.toString())).text("id");
        ApiClient.Response made = api().post(path("/posts/" + post + "/share-links"), editor,
                Map.of("label", "Maria, the owner"));
        assertThat(made.status()).as(made.raw().body()).isEqualTo(201);
        String share = sharePath(made.text("url"));
        assertThat(made.raw().body()).doesNotContain("token_sha256");
        assertThat(api().get(path("/posts/" + post + "/share-links"), editor).raw().body())
                .doesNotContain(share.substring(ShareLinks.PATH.length()));

        HttpResponse<String> page = page("GET", share, null);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("Fresh pasta tonight").contains("share-approve");
        assertThat(page.headers().firstValue("Referrer-Policy")).contains("no-referrer");
        assertThat(page.headers().firstValue("Set-Cookie")).isEmpty();
        // Images only by signed, expiring URLs; no link into the dashboard or the API.
        assertThat(page.body()).contains("signature=").doesNotContain("/app/calendar").doesNotContain("/api/v1");

        // Asking for changes needs a note; a refusal writes nothing.
        assertThat(page("POST", share, "decision=changes&comment=").statusCode()).isEqualTo(400);
        assertThat(api().get(path("/posts/" + post), editor).text("status")).isEqualTo("pending_approval");
        // A browser's cross-site post is refused.
        assertThat(page("POST", share, "decision=approve", "cross-site").statusCode()).isEqualTo(403);

        HttpResponse<String> approved = page("POST", share, "decision=approve&comment=Perfect");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(approved.body()).contains("the post is approved");
        assertThat(api().get(path("/posts/" + post), editor).text("status")).isEqualTo("scheduled");
        JsonNode record = api().get(path("/posts/" + post + "/approval"), admin).body().path("history").get(1);
        assertThat(record.path("action").asString()).isEqualTo("approved");
        assertThat(record.path("by").path("kind").asString()).isEqualTo("share_link");
        assertThat(record.path("by").path("name").asString()).contains("Maria, the owner");

        // Once: a second decision is refused, and the page says what was decided.
        assertThat(page("POST", share, "decision=changes&comment=Wait").statusCode()).isEqualTo(409);
        assertThat(page("GET", share, null).body()).contains("share-closed").doesNotContain("share-approve");
        JsonNode link = api().get(path("/posts/" + post + "/share-links"), editor).body().get(0);
        assertThat(link.path("used_action").asString()).isEqualTo("approved");
        assertThat(actions(post)).containsExactly("requested", "approved");
    }

    @Test
    void aShareLinkOpenedAfterThePlannedTime_saysSo_andApprovesForAsSoonAsPossibleOnlyWhenAsked() throws Exception {
        Instant at = CLOCK.instant().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        String post = create(editor, Map.of("scheduled_for", at.toString())).text("id");
        String share = sharePath(api().post(path("/posts/" + post + "/share-links"), editor,
                Map.of("label", "Maria, the owner")).text("url"));
        // Before the time: the usual page, approving keeps the time as written.
        assertThat(page("GET", share, null).body()).doesNotContain("share-late")
                .doesNotContain("as_soon_as_possible");

        CLOCK.advance(Duration.ofHours(2));
        HttpResponse<String> late = page("GET", share, null);
        assertThat(late.statusCode()).isEqualTo(200);
        assertThat(late.body()).contains("id=\"share-late\"").contains("that time has passed")
                .contains("Approve, to go out as soon as possible").contains("name=\"as_soon_as_possible\"");

        // A decision sent from a page opened before the time passed: refused with what to do, nothing written,
        // and the page it answers offers the way forward.
        HttpResponse<String> refused = page("POST", share, "decision=approve&comment=Lovely");
        assertThat(refused.statusCode()).isEqualTo(409);
        assertThat(refused.body()).contains("has passed").contains("as soon as possible")
                .contains("name=\"as_soon_as_possible\"").contains("Lovely");
        assertThat(api().get(path("/posts/" + post), editor).text("status")).isEqualTo("pending_approval");
        assertThat(api().get(path("/posts/" + post + "/share-links"), editor).body().get(0).path("used_at").isNull())
                .isTrue();
        assertThat(actions(post)).containsExactly("requested");

        Instant approvedAt = CLOCK.instant();
        HttpResponse<String> approved = page("POST", share, "decision=approve&as_soon_as_possible=true&comment=Go");
        assertThat(approved.statusCode()).as(approved.body()).isEqualTo(200);
        assertThat(approved.body()).contains("approved and goes out as soon as possible");
        JsonNode record = api().get(path("/posts/" + post + "/approval"), admin).body().path("history").get(1);
        assertThat(record.path("action").asString()).isEqualTo("approved");
        assertThat(record.path("by").path("kind").asString()).isEqualTo("share_link");
        assertThat(record.path("by").path("name").asString()).contains("Maria, the owner");
        // As soon as possible: due at the approval, not at the time that passed.
        Instant due = Instant.parse(record.path("scheduled_for").asString());
        assertThat(due).isAfterOrEqualTo(approvedAt.truncatedTo(ChronoUnit.SECONDS)).isAfter(at);
        ApiClient.Response scheduled = api().get(path("/posts/" + post), editor);
        assertThat(scheduled.text("status")).isIn("scheduled", "publishing", "published");
        assertThat(Instant.parse(scheduled.text("scheduled_for"))).isEqualTo(due);
        // The team's usual record of it, in the trail.
        JsonNode trail = api().get(path("/audit-events?action=approval.approved&resource=" + post), admin).body()
                .path("items");
        assertThat(trail).hasSize(1);
        assertThat(trail.get(0).path("summary").asString()).contains("Maria, the owner").contains("share_link");

        // Still once only.
        assertThat(page("POST", share, "decision=approve&as_soon_as_possible=true").statusCode()).isEqualTo(409);
        assertThat(actions(post)).containsExactly("requested", "approved");
    }

    @Test
    void aRevokedOrExpiredShareLinkDoesNotOpen_andAGuessedOneIsNotFound() throws Exception {
        Instant at = CLOCK.instant().plus(Duration.ofDays(10));
        String post = create(editor, Map.of("scheduled_for", at.toString())).text("id");
        ApiClient.Response revoked = api().post(path("/posts/" + post + "/share-links"), editor, null);
        ApiClient.Response expiring = api().post(path("/posts/" + post + "/share-links"), editor, null);
        assertThat(page("GET", sharePath(revoked.text("url")), null).statusCode()).isEqualTo(200);

        ApiClient.Response revoke = api().delete(path("/posts/" + post + "/share-links/"
                + revoked.body().path("link").path("id").asString()), editor);
        assertThat(revoke.status()).as(revoke.raw().body()).isEqualTo(200);
        assertThat(revoke.text("revoked_at")).isNotBlank();
        assertThat(page("GET", sharePath(revoked.text("url")), null).statusCode()).isEqualTo(404);
        assertThat(page("POST", sharePath(revoked.text("url")), "decision=approve").statusCode()).isEqualTo(404);

        CLOCK.advance(Duration.ofDays(7).plusMinutes(1));
        assertThat(page("GET", sharePath(expiring.text("url")), null).statusCode()).isEqualTo(404);
        assertThat(page("POST", sharePath(expiring.text("url")), "decision=approve").statusCode()).isEqualTo(404);
        assertThat(page("GET", ShareLinks.PATH + "x".repeat(43), null).statusCode()).isEqualTo(404);
        assertThat(api().get(path("/posts/" + post), editor).text("status")).isEqualTo("pending_approval");
        assertThat(api().delete(path("/posts/" + post + "/share-links/" + UUID.randomUUID()), editor).status())
                .isEqualTo(404);
    }

    private static String sharePath(String url) {
        return url.substring(url.indexOf(ShareLinks.PATH));
    }

    private HttpResponse<String> page(String method, String path, String form) throws Exception {
        return page(method, path, form, null);
    }

    private HttpResponse<String> page(String method, String path, String form, String fetchSite) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Accept", "text/html");
        if (fetchSite != null) {
            request.header("Sec-Fetch-Site", fetchSite);
        }
        if (form == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private ApiClient.Response create(String key, Map<String, Object> when) {
        Map<String, Object> body = new java.util.HashMap<>(when);
        body.put("targets", PostingFixtures.targets(accounts.get(PAGE), accounts.get(INSTAGRAM)));
        body.put("caption", "Fresh pasta tonight");
        body.put("asset_ids", List.of(asset));
        return api().post(path("/posts"), key, body);
    }

    private List<String> listed(String status) {
        List<String> ids = new ArrayList<>();
        api().get(path("/posts?status=" + status), admin).body().path("items")
                .forEach(p -> ids.add(p.path("id").asString()));
        return ids;
    }

    private List<String> actions(String post) {
        List<String> actions = new ArrayList<>();
        api().get(path("/posts/" + post + "/approval"), admin).body().path("history")
                .forEach(r -> actions.add(r.path("action").asString()));
        return actions;
    }

    private String path(String rest) {
        return "/api/v1/tenants/" + tenant + rest;
    }
}
