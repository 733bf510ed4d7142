package io.forkcast.notifications;

import io.forkcast.accounts.TokenHealth;
import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.FormSession;
import io.forkcast.support.SandboxedApiTest;
import io.forkcast.tenancy.TenantClosures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * E-mail through a real SMTP server the test runs (spring.mail.host points at it, as in production): invitations,
 * password resets, the notices of a failed delivery and of a lost account, and an SMTP outage.
 */
class MailTest extends SandboxedApiTest {

    private static final String PASSWORD = "a long enough password";
    private static final String NEW_PASSWORD = "another long password";
    private static final Inbox INBOX = new Inbox();

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry properties) {
        INBOX.serve(properties);
        properties.add("forkcast.mail.from", () -> "Forkcast Test <hello@forkcast.test>");
        properties.add("forkcast.mail.retry-interval", () -> "1s");
    }

    @AfterAll
    static void stopSmtpServer() {
        INBOX.stop();
    }

    @Autowired
    TokenHealth tokenHealth;

    @Autowired
    TenantClosures closures;

    @Autowired
    JdbcClient jdbc;

    @Test
    void theInvitationIsEmailedToTheInviteeAndItsLinkSetsThePassword() {
        Owner owner = newTenant("Mailed Bistro");

        Inbox.Mail mail = INBOX.await(owner.email(), 1).getFirst();
        assertThat(mail.subject()).isEqualTo("Your invitation to Mailed Bistro on Forkcast");
        assertThat(mail.from()).isEqualTo("Forkcast Test <hello@forkcast.test>");
        assertThat(mail.to()).containsExactly(owner.email());
        assertThat(mail.link()).isEqualTo(owner.link());
        assertThat(mail.text()).contains("Mailed Bistro").contains("works once");
        assertThat(mail.html()).contains("href=\"" + owner.link() + "\"").contains("<strong>Mailed Bistro</strong>");

        FormSession session = new FormSession(port);
        assertThat(session.submit(mail.link(), Map.of("password", PASSWORD, "password_again", PASSWORD))
                .statusCode()).isEqualTo(302);
        assertThat(session.get("/app/settings").body()).contains("Mailed Bistro");
    }

    @Test
    void aUserInvitedLaterGetsTheInvitationByEmailToo() {
        Owner owner = newTenant("Growing Team");
        String admin = api().createKey(owner.tenantId(), "read", "write", "admin");
        String cook = "cook-" + UUID.randomUUID() + "@example.com";
        String userId = api().post("/api/v1/tenants/" + owner.tenantId() + "/users", admin,
                Map.of("email", cook, "role", "editor")).text("id");

        ApiClient.Response invited = api().post("/api/v1/tenants/" + owner.tenantId() + "/users/" + userId
                + "/invitation", admin, null);

        assertThat(invited.status()).isEqualTo(200);
        assertThat(INBOX.await(cook, 1).getFirst().link()).isEqualTo(invited.text("invite_url"));
    }

    @Test
    void forgotPasswordEmailsASingleUseLinkThatSignsEveryoneOut() {
        Owner owner = signedUp("Reset Kitchen");
        FormSession before = new FormSession(port);
        assertThat(before.signIn(owner.email(), PASSWORD).statusCode()).isEqualTo(302);
        assertThat(before.get("/app/settings").statusCode()).isEqualTo(200);

        String unknown = "nobody-" + UUID.randomUUID() + "@example.com";
        HttpResponse<String> known = new FormSession(port).submit("/app/forgot-password", Map.of("email", owner.email()));
        HttpResponse<String> stranger = new FormSession(port).submit("/app/forgot-password", Map.of("email", unknown));
        assertThat(known.statusCode()).isEqualTo(200);
        assertThat(stranger.statusCode()).isEqualTo(200);
        assertThat(main(known.body()).replace(owner.email(), "ADDRESS"))
                .isEqualTo(main(stranger.body()).replace(unknown, "ADDRESS"))
                .contains("is on its way");

        Inbox.Mail mail = INBOX.await(owner.email(), 2).getLast();
        assertThat(mail.subject()).isEqualTo("Choose a new Forkcast password for Reset Kitchen");
        assertThat(mail.link()).contains("/app/reset/");
        assertThat(mail.html()).contains("href=\"" + mail.link() + "\"");
        String path = URI.create(mail.link()).getPath();

        FormSession resetting = new FormSession(port);
        assertThat(resetting.get(path).body()).contains("Choose a new password").contains(owner.email());
        HttpResponse<String> mismatch = resetting.submit(path, Map.of("password", NEW_PASSWORD, "password_again", "x"));
        assertThat(mismatch.statusCode()).isEqualTo(400);
        assertThat(mismatch.body()).contains("The two passwords are not the same.");
        HttpResponse<String> reset = resetting.submit(path,
                Map.of("password", NEW_PASSWORD, "password_again", NEW_PASSWORD));
        assertThat(reset.statusCode()).isEqualTo(302);
        assertThat(reset.headers().firstValue("Location").orElse("")).endsWith("/app/sign-in?password-changed");

        assertThat(before.get("/app/settings").statusCode()).as("the session from before the reset").isEqualTo(302);
        assertThat(new FormSession(port).signIn(owner.email(), PASSWORD).statusCode()).isEqualTo(401);
        assertThat(new FormSession(port).signIn(owner.email(), NEW_PASSWORD).statusCode()).isEqualTo(302);
        HttpResponse<String> again = new FormSession(port).get(path);
        assertThat(again.statusCode()).isEqualTo(404);
        assertThat(again.body()).contains("not valid or has already been used");

        assertThat(INBOX.of(unknown)).isEmpty();
    }

    @Test
    void aResetLinkExpires() {
        Owner owner = signedUp("Slow Reader");
        new FormSession(port).submit("/app/forgot-password", Map.of("email", owner.email()));
        String path = URI.create(INBOX.await(owner.email(), 2).getLast().link()).getPath();

        CLOCK.advance(Duration.ofMinutes(61));

        FormSession late = new FormSession(port);
        assertThat(late.get(path).body()).contains("This link has expired");
        // The expired page has no form any more: the CSRF field of another page of the same session.
        HttpResponse<String> refused = late.post(path, Map.of("password", NEW_PASSWORD, "password_again",
                NEW_PASSWORD), late.get("/app/forgot-password").body());
        assertThat(refused.statusCode()).isEqualTo(410);
        assertThat(new FormSession(port).signIn(owner.email(), PASSWORD).statusCode()).isEqualTo(302);
    }

    @Test
    void forgotPasswordIsThrottledPerAddressAndAnswersTheSame() {
        Owner owner = signedUp("Many Requests");
        for (int request = 0; request < 4; request++) {
            HttpResponse<String> answer = new FormSession(port).submit("/app/forgot-password",
                    Map.of("email", owner.email()));
            assertThat(answer.statusCode()).isEqualTo(200);
            assertThat(answer.body()).contains("is on its way");
        }
        // One invitation and three resets (forkcast.web.password-reset-requests): the fourth request sent nothing.
        INBOX.await(owner.email(), 4);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> INBOX.of(owner.email()).size() == 4);
    }

    @Test
    void aPostWaitingForApprovalIsToldToTheOwnersAndAdmins_notToEditors() throws Exception {
        Owner owner = signedUp("Approval Brasserie");
        String adminKey = api().createKey(owner.tenantId(), "read", "write", "admin");
        String editorKey = api().createKey(owner.tenantId(), "read", "write");
        String manager = "manager-" + UUID.randomUUID() + "@example.com";
        String cook = "cook-" + UUID.randomUUID() + "@example.com";
        addUser(owner.tenantId(), adminKey, manager, "admin");
        addUser(owner.tenantId(), adminKey, cook, "editor");
        Map<String, String> accounts = PostingFixtures.connect(api(), owner.tenantId(), adminKey);
        String asset = PostingFixtures.upload(port, owner.tenantId(), adminKey);
        assertThat(api().put("/api/v1/tenants/" + owner.tenantId() + "/approval-settings", adminKey,
                Map.of("editors_need_approval", true)).status()).isEqualTo(200);
        ApiClient.Response created = api().post("/api/v1/tenants/" + owner.tenantId() + "/posts", editorKey,
                Map.of("targets", PostingFixtures.targets(accounts.get(PostingFixtures.PAGE)),
                        "caption", "Oysters are back on Friday", "asset_ids", List.of(asset),
                        "scheduled_for", java.time.Instant.now().plus(Duration.ofHours(5)).toString()));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);

        Inbox.Mail waiting = awaitSubject(manager, "A post waits for your approval");
        assertThat(waiting.to()).containsExactlyInAnyOrder(owner.email(), manager);
        assertThat(waiting.text()).contains("Oysters are back on Friday").contains("API key")
                .contains("/app/calendar/posts/" + created.text("id"));
        assertThat(INBOX.of(cook)).isEmpty();
        accounts.values().forEach(id -> api().delete("/api/v1/tenants/" + owner.tenantId() + "/accounts/" + id,
                adminKey));
    }

    @Test
    void aFailedDeliveryAndALostAccountAreToldOnceToThatRestaurantsOwnersAndAdminsOnly() throws Exception {
        Owner owner = signedUp("Notice Trattoria");
        String adminKey = api().createKey(owner.tenantId(), "read", "write", "admin");
        String manager = "manager-" + UUID.randomUUID() + "@example.com";
        String cook = "cook-" + UUID.randomUUID() + "@example.com";
        addUser(owner.tenantId(), adminKey, manager, "admin");
        addUser(owner.tenantId(), adminKey, cook, "editor");
        Owner neighbour = signedUp("Neighbour Diner");

        Map<String, String> accounts = PostingFixtures.connect(api(), owner.tenantId(), adminKey);
        String facebook = accounts.get(PostingFixtures.PAGE);
        String asset = PostingFixtures.upload(port, owner.tenantId(), adminKey);
        assertThat(api().post("/sandbox/admin/faults", null,
                Map.of("operation", "page/photos", "code", 190, "error_subcode", 460)).status()).isEqualTo(201);
        ApiClient.Response created = api().post("/api/v1/tenants/" + owner.tenantId() + "/posts", adminKey,
                Map.of("targets", PostingFixtures.targets(facebook), "caption", "Truffle night is back!",
                        "asset_ids", List.of(asset), "publish_now", true));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String postId = created.text("id");
        PostingFixtures.awaitStatus(api(), owner.tenantId(), adminKey, postId, "failed");

        // The owner has an invitation already; the manager an invitation-free mailbox (added, never invited).
        Inbox.Mail failed = awaitSubject(owner.email(), "A post did not go out on Facebook Page Trattoria Sandbox");
        assertThat(failed.to()).containsExactlyInAnyOrder(owner.email(), manager);
        assertThat(failed.text()).contains("Truffle night is back!").contains("Reconnect your Facebook page")
                .contains("/app/calendar/posts/" + postId);
        Inbox.Mail lost = awaitSubject(manager, "Reconnect Facebook Page Trattoria Sandbox to keep posting");
        assertThat(lost.to()).containsExactlyInAnyOrder(owner.email(), manager);
        assertThat(lost.link()).endsWith("/app/accounts");

        // Facebook ends every token of the user: the Page is already marked, only Instagram is news.
        api().post("/sandbox/admin/users/10000000000001/password-change", null, null);
        tokenHealth.checkAll();
        awaitSubject(manager, "Reconnect Instagram @trattoria.sandbox to keep posting");
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> INBOX.of(manager).size() == 3);
        assertThat(INBOX.of(manager)).extracting(Inbox.Mail::subject).containsExactlyInAnyOrder(
                "A post did not go out on Facebook Page Trattoria Sandbox",
                "Reconnect Facebook Page Trattoria Sandbox to keep posting",
                "Reconnect Instagram @trattoria.sandbox to keep posting");
        assertThat(INBOX.of(owner.email())).hasSize(4); // invitation + the same three notices
        assertThat(INBOX.of(cook)).isEmpty();
        assertThat(INBOX.of(neighbour.email())).hasSize(1); // its own invitation only
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void withTheSmtpServerDownTheActionSucceedsAndTheEmailGoesOutLater(CapturedOutput output) {
        INBOX.stop();
        Owner owner;
        try {
            owner = newTenant("Outage Osteria");
            await().atMost(Duration.ofSeconds(20)).until(() -> jdbc.sql(
                    "select count(*) from event_publication where event_type like '%UserInvited' "
                            + "and completion_date is null and status = 'FAILED'").query(Long.class).single() > 0);
        } finally {
            INBOX.restart();
        }

        Inbox.Mail mail = INBOX.await(owner.email(), 1).getFirst();
        assertThat(mail.link()).isEqualTo(owner.link());
        assertThat(output).contains("E-mail invitation could not be sent").contains("E-mail invitation sent")
                .doesNotContain(owner.link().substring(owner.link().lastIndexOf('/') + 1))
                .doesNotContain(owner.email());
        assertThat(new FormSession(port).submit(mail.link(), Map.of("password", PASSWORD, "password_again", PASSWORD))
                .statusCode()).isEqualTo(302);
    }

    // ---------------------------------------------------------------------------------------------------------

    @Test
    void closingRestoringAndFinallyDeletingAnAccountAreEachToldOnce() {
        Owner owner = signedUp("Closing Osteria");
        String admin = api().createKey(owner.tenantId(), "read", "write", "admin");
        String closure = "/api/v1/tenants/" + owner.tenantId() + "/closure";
        assertThat(api().post(closure, admin, Map.of("confirm_name", "Closing Osteria")).status()).isEqualTo(201);
        Inbox.Mail closed = awaitSubject(owner.email(), "The Forkcast account of Closing Osteria is closed");
        assertThat(closed.text()).contains("deleted after").contains("restored");
        assertThat(api().delete(closure, ApiClient.OPERATOR_TOKEN).status()).isEqualTo(204);
        Inbox.Mail restored = awaitSubject(owner.email(), "The Forkcast account of Closing Osteria is open again");
        assertThat(restored.text()).contains("/app/calendar");

        assertThat(api().post(closure, ApiClient.OPERATOR_TOKEN, Map.of("confirm_name", "Closing Osteria"))
                .status()).isEqualTo(201);
        // The letter is written from the account's users, which the deletion removes: a month passes in between
        // in life, here the letter must be out before the clock jumps.
        await().atMost(Duration.ofSeconds(20)).until(() -> closedLetters(owner) == 2);
        CLOCK.advance(Duration.ofDays(31));
        assertThat(closures.deleteDue()).isGreaterThanOrEqualTo(1);
        Inbox.Mail deleted = awaitSubject(owner.email(), "The Forkcast account of Closing Osteria was deleted");
        assertThat(deleted.text()).contains("everything it held");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> closedLetters(owner) == 2);
    }

    private long closedLetters(Owner owner) {
        return INBOX.of(owner.email()).stream().filter(mail -> mail.subject().contains("is closed")).count();
    }

    record Owner(String tenantId, String email, String link) {
    }

    private Owner newTenant(String name) {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", name, "email", email, "plan", "pro"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return new Owner(created.text("id"), email, created.text("owner_invite_url"));
    }

    /** A tenant whose owner accepted the (e-mailed) invitation and has {@link #PASSWORD}. */
    private Owner signedUp(String name) {
        Owner owner = newTenant(name);
        INBOX.await(owner.email(), 1);
        assertThat(new FormSession(port).submit(owner.link(), Map.of("password", PASSWORD, "password_again",
                PASSWORD)).statusCode()).isEqualTo(302);
        return owner;
    }

    private void addUser(String tenantId, String adminKey, String email, String role) {
        assertThat(api().post("/api/v1/tenants/" + tenantId + "/users", adminKey, Map.of("email", email, "role", role))
                .status()).isEqualTo(201);
    }

    private static Inbox.Mail awaitSubject(String address, String subject) {
        await().atMost(Duration.ofSeconds(20)).until(() -> INBOX.of(address).stream()
                .anyMatch(mail -> mail.subject().equals(subject)));
        return INBOX.of(address).stream().filter(mail -> mail.subject().equals(subject)).findFirst().orElseThrow();
    }

    private static String main(String page) {
        Matcher main = Pattern.compile("<main.*</main>", Pattern.DOTALL).matcher(page);
        assertThat(main.find()).isTrue();
        return main.group();
    }
}
