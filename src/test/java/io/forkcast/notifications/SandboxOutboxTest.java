package io.forkcast.notifications;

import io.forkcast.support.ApiClient;
import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.support.FormSession;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The embedded default, with no SMTP server configured: e-mail goes to the sandbox's own SMTP server, and its
 * outbox page lists it with the links clickable, so a newcomer can follow them.
 */
class SandboxOutboxTest extends EmbeddedApiTest {

    @Test
    void anInvitationLandsInTheOutboxAndItsLinkWorks() {
        String email = "newcomer-" + UUID.randomUUID() + "@example.com";
        ApiClient.Response created = api().post("/api/v1/tenants", ApiClient.OPERATOR_TOKEN,
                Map.of("name", "Outbox <Café>", "email", email, "plan", "basic"));
        assertThat(created.status()).isEqualTo(201);
        String link = created.text("owner_invite_url");

        await().atMost(Duration.ofSeconds(20)).until(() -> api().getText("/sandbox/mail").contains(email));
        String outbox = api().getText("/sandbox/mail");
        assertThat(outbox).contains("Your invitation to Outbox &lt;Café&gt; on Forkcast")
                .doesNotContain("<Café>");
        Matcher anchor = Pattern.compile("<a href=\"(http://localhost:" + port + "/app/invite/[^\"]+)\">").matcher(outbox);
        assertThat(anchor.find()).isTrue();
        assertThat(anchor.group(1)).isEqualTo(link);

        FormSession session = new FormSession(port);
        assertThat(session.submit(anchor.group(1), Map.of("password", "a long enough password",
                "password_again", "a long enough password")).statusCode()).isEqualTo(302);
        assertThat(session.get("/app/settings").body()).contains("Outbox &lt;Café&gt;");
    }
}
