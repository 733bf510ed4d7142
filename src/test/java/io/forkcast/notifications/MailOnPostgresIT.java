package io.forkcast.notifications;

import io.forkcast.accounts.TokenHealth;
import io.forkcast.posts.PostingFixtures;
import io.forkcast.support.ApiClient;
import io.forkcast.support.FormSession;
import io.forkcast.support.PostgresIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.net.URI;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * E-mail on PostgreSQL with row-level security on: the reset request finds users by address across tenants
 * (platform work), and a notice reads the owners and admins in the tenant's scope, so only they get it.
 */
class MailOnPostgresIT extends PostgresIntegrationTest {

    private static final String PASSWORD = "a long enough password";
    private static final Inbox INBOX = new Inbox();

    @DynamicPropertySource
    static void smtpServer(DynamicPropertyRegistry properties) {
        INBOX.serve(properties);
    }

    @AfterAll
    static void stopSmtpServer() {
        INBOX.stop();
    }

    @Autowired
    TokenHealth tokenHealth;

    @Test
    void invitationResetAndALostAccountNoticeWorkUnderRowLevelSecurity() {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", "Postgres Brasserie", "email", email, "plan", "pro"));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        String tenant = created.text("id");
        String invitation = INBOX.await(email, 1).getFirst().link();
        assertThat(new FormSession(port).submit(invitation, Map.of("password", PASSWORD, "password_again", PASSWORD))
                .statusCode()).isEqualTo(302);

        new FormSession(port).submit("/app/forgot-password", Map.of("email", email));
        String reset = URI.create(INBOX.await(email, 2).getLast().link()).getPath();
        String newPassword = "a brand new long password";
        assertThat(new FormSession(port).submit(reset, Map.of("password", newPassword, "password_again", newPassword))
                .statusCode()).isEqualTo(302);
        assertThat(new FormSession(port).signIn(email, newPassword).statusCode()).isEqualTo(302);

        String key = api().createKey(tenant, "read", "write", "admin");
        String cook = "cook-" + UUID.randomUUID() + "@example.com";
        assertThat(api().post("/api/v1/tenants/" + tenant + "/users", key, Map.of("email", cook, "role", "editor"))
                .status()).isEqualTo(201);
        PostingFixtures.connect(api(), tenant, key);
        api().post("/sandbox/admin/users/10000000000001/password-change", null, null);
        tokenHealth.checkAll();

        Inbox.Mail notice = INBOX.await(email, 4).stream().filter(mail -> mail.subject().startsWith("Reconnect"))
                .findFirst().orElseThrow();
        assertThat(notice.to()).containsExactly(email);
        assertThat(INBOX.of(cook)).isEmpty();
    }
}
