package io.forkcast.web;

import io.forkcast.ForkcastApplication;
import io.forkcast.accounts.GoogleConnectSteps;
import io.forkcast.support.ApiClient;
import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.support.FormSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Forkcast whose operator switched Google off after a restaurant had connected its location: an application with
 * Google on connects the location and schedules two Google posts, then this test's application, Google off, runs on
 * the same database. Compose no longer offers the location, the API refuses a new post or a change naming it with
 * the reason, and the Google delivery that comes due is held with that reason for the owner, not sent.
 */
@TestPropertySource(properties = "forkcast.google.enabled=false")
class GoogleSwitchedOffTest extends EmbeddedApiTest {

    private static final String NOT_ENABLED = "Google is not enabled on this Forkcast";
    /** The database the application that connected Google and this test's application share. */
    private static final String DATABASE = "jdbc:h2:mem:google-off-" + UUID.randomUUID()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1";

    private static Restaurant restaurant;
    private static String location;
    private static String dueSoon;
    private static String tomorrow;
    private static FormSession owner;

    @DynamicPropertySource
    static void sharedDatabase(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
    }

    /**
     * Before the switch: Google on, the location connected, one Google post due in seconds and one tomorrow. Once,
     * after this test's application is up: the application that migrated the in-memory database must outlive the
     * other (H2 evaluates a check constraint in the session that made it).
     */
    @BeforeEach
    void connectGoogleWhileItWasOn() throws Exception {
        if (restaurant != null) {
            return;
        }
        try (ConfigurableApplicationContext googleOn = new SpringApplicationBuilder(ForkcastApplication.class)
                .profiles("test").run("--spring.datasource.url=" + DATABASE, "--server.port=0",
                        "--forkcast.jobs.enabled=false")) {
            int port = googleOn.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            ApiClient api = new ApiClient(port);
            restaurant = Restaurant.open(api, port, "Switched-off Trattoria");
            location = new GoogleConnectSteps(api).connectLocation(restaurant.tenantId(), restaurant.key());
            dueSoon = googlePost(api, "Tonight: truffle risotto", Instant.now().plusSeconds(3));
            tomorrow = googlePost(api, "Tomorrow: tiramisu", Instant.now().plus(1, ChronoUnit.DAYS));
        }
    }

    @Test
    void composeOffersTheOtherAccountsButNotTheGoogleLocation() {
        String compose = owner().get("/app/compose").body();

        assertThat(compose).contains("id=\"acc-" + restaurant.facebook() + "\"").doesNotContain(location)
                .doesNotContain("id=\"google-fields\"");
    }

    @Test
    void aNewPostNamingTheGoogleLocationIsRefusedWithTheReason() {
        ApiClient.Response refused = api().post(restaurant.path("/posts"), restaurant.key(), Map.of(
                "caption", "Burrata is back", "publish_now", true, "asset_ids", List.of(restaurant.square()),
                "targets", List.of(Map.of("account_id", restaurant.facebook()), Map.of("account_id", location))));

        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(400);
        assertThat(refused.raw().body()).contains(NOT_ENABLED);
        assertThat(api().get(restaurant.path("/posts?limit=50"), restaurant.key()).body().path("items"))
                .as("nothing half-written").hasSize(2);
    }

    @Test
    void aChangeNamingTheGoogleLocationIsRefusedWithTheReason() {
        ApiClient.Response refused = api().patch(restaurant.path("/posts/" + tomorrow), restaurant.key(), Map.of(
                "targets", List.of(Map.of("account_id", location, "caption", "Tomorrow: tiramisu for two"))));

        assertThat(refused.status()).as(refused.raw().body()).isEqualTo(409);
        assertThat(refused.text("detail")).contains(NOT_ENABLED);
        assertThat(api().get(restaurant.path("/posts/" + tomorrow), restaurant.key()).body().path("deliveries")
                .get(0).path("caption").asString()).isEqualTo("Tomorrow: tiramisu");
    }

    @Test
    void aGoogleDeliveryThatComesDueIsHeldWithTheReasonForTheOwnerAndNotSent() {
        String post = restaurant.path("/posts/" + dueSoon);
        JsonNode delivery = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> api().get(post, restaurant.key()).body().path("deliveries").get(0),
                        d -> !d.path("status").asString().equals("scheduled"));

        assertThat(delivery.path("status").asString()).isEqualTo("held");
        assertThat(delivery.path("failure").path("code").asString()).isEqualTo("google_off");
        assertThat(delivery.path("failure").path("message").asString()).startsWith(NOT_ENABLED);
        assertThat(delivery.path("attempts")).as("nothing was sent to Google").isEmpty();
        assertThat(owner().get("/app/calendar/posts/" + dueSoon).body())
                .contains(NOT_ENABLED + ", so this post did not go to your Google listing.");
        ApiClient.Response again = api().post(post + "/deliveries/" + delivery.path("id").asString() + "/retry",
                restaurant.key(), null);
        assertThat(again.status()).as(again.raw().body()).isEqualTo(409);
        assertThat(again.text("detail")).contains(NOT_ENABLED);
    }

    /** The owner signed in to this test's application (the invitation is accepted once). */
    private FormSession owner() {
        if (owner == null) {
            owner = restaurant.owner(port);
        }
        return owner;
    }

    private static String googlePost(ApiClient api, String caption, Instant at) {
        ApiClient.Response created = api.post(restaurant.path("/posts"), restaurant.key(), Map.of("caption", caption,
                "asset_ids", List.of(restaurant.square()), "scheduled_for",
                at.truncatedTo(ChronoUnit.SECONDS).toString(), "targets", List.of(Map.of("account_id", location))));
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return created.text("id");
    }
}
