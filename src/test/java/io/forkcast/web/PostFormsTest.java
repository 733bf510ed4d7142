package io.forkcast.web;

import io.forkcast.support.EmbeddedApiTest;
import io.forkcast.support.FormSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.awaitility.Awaitility;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The post page's forms, the calendar's move and compose's preview over real HTTP as a browser sends them
 * (session cookie, CSRF field): a refused form back on its page (303) with the errors beside their fields and what
 * was typed kept, the same rules as the API, role rules and tenant isolation.
 */
class PostFormsTest extends EmbeddedApiTest {

    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private Restaurant restaurant;
    private FormSession owner;
    private String postId;
    private ZonedDateTime due;

    @BeforeEach
    void restaurantWithAScheduledPost() throws Exception {
        restaurant = Restaurant.open(api(), port, "Forms " + UUID.randomUUID().toString().substring(0, 8));
        owner = restaurant.owner(port);
        due = ZonedDateTime.now(PARIS).plusDays(2).withHour(18).truncatedTo(ChronoUnit.HOURS);
        postId = restaurant.post(api(), "Friday's special", due.toInstant().toString());
    }

    @AfterEach
    void closeRestaurant() {
        restaurant.close(api());
    }

    @Test
    void aPastTimeIsExplainedBesideTheFieldWithTheTypedValueKept() {
        String page = "/app/calendar/posts/" + postId;
        String typed = LocalDateTime.now(PARIS).minusDays(1).withSecond(0).withNano(0).toString();
        String errorId = "error-app-calendar-posts-" + postId + "-reschedule-local_time";
        // Sent without a Referer (as from the calendar's dialog, too): back to the post's page all the same.
        String refused = backOnThePage(owner.post(page + "/reschedule", Map.of("local_time", typed),
                owner.get(page).body()), page);

        assertThat(refused).contains("id=\"" + errorId + "\"")
                .contains("aria-describedby=\"" + errorId + "\"")
                .contains("The time must be in the future.")
                .contains("value=\"" + typed + "\"")
                .contains("aria-invalid=\"true\"")
                .doesNotContain("Scheduled for The time")
                // Still the post's page, with the navigation (Compose included).
                .contains("<h1>Post</h1>").contains(">Compose</a>");
        assertThat(scheduledFor()).isEqualTo(due.toInstant());
        // Shown once: the next visit is the page as stored.
        assertThat(owner.get(page).body()).doesNotContain("field-error").doesNotContain(typed);

        String empty = backOnThePage(owner.post(page + "/reschedule", Map.of("local_time", ""),
                owner.get(page).body()), page);
        assertThat(empty).contains("id=\"" + errorId + "\"").contains("pick a date and a time");
    }

    @Test
    void aCaptionOverInstagramsLimitIsExplainedBesideTheCaptionWithTheTextKept() {
        String page = "/app/calendar/posts/" + postId;
        String tooLong = "Pasta " + "#pasta ".repeat(31);
        String refused = backOnThePage(owner.post(page + "/caption", Map.of("caption", tooLong),
                owner.get(page).body()), page);

        assertThat(refused).contains("id=\"error-app-calendar-posts-" + postId + "-caption-caption\"")
                .contains("Instagram takes at most 30 hashtags").contains(tooLong.strip());
        assertThat(api().get(restaurant.path("/posts/" + postId), restaurant.key()).text("caption"))
                .isEqualTo("Friday's special");
    }

    @Test
    void composeShowsEachRefusalBesideItsFieldWithWhatWasTyped() {
        String page = owner.get("/app/compose").body();
        String noAccount = backOnThePage(owner.post("/app/compose", Map.of("caption", "Soup of the day",
                "asset_ids", restaurant.square(), "when", "later", "local_time", "2031-05-30T19:30"), page),
                "/app/compose");
        assertThat(noAccount).contains("id=\"error-app-compose-account_ids\"").contains("Pick at least one account")
                .contains(">Soup of the day</textarea>").contains("value=\"2031-05-30T19:30\"")
                // The chosen image comes back chosen, first in the carousel.
                .containsPattern("value=\"" + restaurant.square() + "\"[^>]*data-order=\"0\"[^>]*checked");

        String past = LocalDateTime.now(PARIS).minusHours(2).withSecond(0).withNano(0).toString();
        String pastTime = backOnThePage(owner.post("/app/compose", Map.of("caption", "Soup of the day",
                "account_ids", restaurant.facebook(), "asset_ids", restaurant.square(), "when", "later",
                "local_time", past), page), "/app/compose");
        assertThat(pastTime).contains("id=\"error-app-compose-local_time\"").contains("The time must be in the future.")
                .contains("value=\"" + past + "\"").doesNotContain("Scheduled for")
                .containsPattern("value=\"" + restaurant.facebook() + "\"[^>]*checked");
        assertThat(api().get(restaurant.path("/posts"), restaurant.key()).body().path("items")).hasSize(1);
    }

    @Test
    void aMoveKeepsTheTimeOfDay_aMoveIntoThePastIsRefusedWithTheReason() {
        String page = owner.get("/app/calendar").body();
        String yesterday = LocalDateTime.now(PARIS).minusDays(1).toLocalDate().toString();
        HttpResponse<String> past = owner.post("/app/calendar/posts/" + postId + "/move", Map.of("date", yesterday), page);
        assertThat(past.statusCode()).isEqualTo(400);
        assertThat(past.body()).isEqualTo("The time must be in the future.");
        assertThat(scheduledFor()).isEqualTo(due.toInstant());

        String later = due.toLocalDate().plusDays(3).toString();
        HttpResponse<String> moved = owner.post("/app/calendar/posts/" + postId + "/move", Map.of("date", later), page);
        assertThat(moved.statusCode()).isEqualTo(303);
        assertThat(moved.headers().firstValue("Location")).hasValue("/app/calendar?view=week&date=" + later);
        assertThat(scheduledFor()).isEqualTo(due.plusDays(3).toInstant());
    }

    @Test
    void onceADeliveryHasStartedTheRescheduleIsRefusedNamingIt() {
        String published = restaurant.post(api(), "Out now", null);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> api().get(restaurant.path("/posts/" + published),
                restaurant.key()).text("status").equals("published"));
        String page = "/app/calendar/posts/" + published;
        String calendar = owner.get("/app/calendar").body();
        String tomorrow = LocalDateTime.now(PARIS).plusDays(1).withSecond(0).withNano(0).toString();

        String refused = backOnThePage(owner.post(page + "/reschedule", Map.of("local_time", tomorrow), calendar), page);
        assertThat(refused).contains("class=\"form-summary\"").contains("This was not saved.")
                .contains("<h1>Post</h1>").doesNotContain("Correct what is marked below");
        HttpResponse<String> move = owner.post(page + "/move", Map.of("date", tomorrow.substring(0, 10)), calendar);
        assertThat(move.statusCode()).isEqualTo(409);
        assertThat(move.body()).isNotBlank();
    }

    @Test
    void aViewerSeesThePostButCannotRescheduleMoveOrPreview() {
        FormSession viewer = restaurant.user(api(), port, "viewer");
        String page = viewer.get("/app/calendar/posts/" + postId).body();
        assertThat(page).contains("Friday&#39;s special").doesNotContain("Reschedule</button>");
        String tomorrow = LocalDateTime.now(PARIS).plusDays(1).withSecond(0).withNano(0).toString();

        assertThat(viewer.post("/app/calendar/posts/" + postId + "/reschedule", Map.of("local_time", tomorrow), page)
                .statusCode()).isEqualTo(403);
        assertThat(viewer.post("/app/calendar/posts/" + postId + "/move", Map.of("date", tomorrow.substring(0, 10)), page)
                .statusCode()).isEqualTo(403);
        assertThat(viewer.post("/app/compose/preview", Map.of("caption", "x"), page).statusCode()).isEqualTo(403);
        assertThat(scheduledFor()).isEqualTo(due.toInstant());
    }

    @Test
    void anotherRestaurantsPostAccountAndImageAreNotFound() throws Exception {
        Restaurant other = Restaurant.open(api(), port, "Other " + UUID.randomUUID().toString().substring(0, 8));
        try {
            FormSession stranger = other.owner(port);
            String page = stranger.get("/app/calendar").body();
            assertThat(stranger.get("/app/calendar/posts/" + postId).statusCode()).isEqualTo(404);
            assertThat(stranger.post("/app/calendar/posts/" + postId + "/move",
                    Map.of("date", due.toLocalDate().plusDays(1).toString()), page).statusCode()).isEqualTo(404);
            assertThat(stranger.post("/app/calendar/posts/" + postId + "/reschedule",
                    Map.of("local_time", due.toLocalDateTime().plusDays(1).toString()), page).statusCode()).isEqualTo(404);
            assertThat(stranger.post("/app/compose/preview", Map.of("account_ids", restaurant.instagram(),
                    "caption", "x"), page).statusCode()).isEqualTo(404);
            assertThat(stranger.post("/app/compose/preview", Map.of("account_ids", other.instagram(),
                    "asset_ids", restaurant.square(), "caption", "x"), page).statusCode()).isEqualTo(404);
            assertThat(scheduledFor()).isEqualTo(due.toInstant());
        } finally {
            other.close(api());
        }
    }

    @Test
    void thePreviewShowsWhatEachNetworkGets_instagramCutBeforeMore() {
        String page = owner.get("/app/compose").body();
        String caption = "Our truffle pizza is back for the weekend, with burrata from the farm down the road, "
                + "basil from our garden and a crust that rested three days. Book now!";
        HttpResponse<String> preview = owner.post("/app/compose/preview", Map.of("account_ids", restaurant.instagram(),
                "asset_ids", restaurant.portrait(), "caption", caption), page);

        assertThat(preview.statusCode()).isEqualTo(200);
        String html = preview.body();
        assertThat(html).contains("data-preview=\"instagram\"").doesNotContain("data-preview=\"facebook\"")
                .contains("/media/" + restaurant.portrait() + "/instagram")
                // The portrait image keeps its 4:5 frame.
                .contains("aspect-ratio:0.8000")
                .contains("<span class=\"np-more\">more</span>")
                .doesNotContain("Book now!");
        assertThat(html).contains(NetworkPreviews.cut(caption, NetworkPreviews.INSTAGRAM_FEED_CHARACTERS, true)
                .visible());

        HttpResponse<String> facebook = owner.post("/app/compose/preview", Map.of("account_ids", restaurant.facebook(),
                "asset_ids", restaurant.square(), "caption", caption, "when", "later",
                "local_time", due.toLocalDateTime().toString()), page);
        assertThat(facebook.body()).contains("data-preview=\"facebook\"")
                .contains("/media/" + restaurant.square() + "/original")
                .contains("Book now!").doesNotContain("See more")
                .contains(Zoned.readable(due.toInstant(), PARIS));
    }

    /** A refused form answers 303 to its page, which then shows the errors. */
    private String backOnThePage(HttpResponse<String> refused, String page) {
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(303);
        assertThat(refused.headers().firstValue("Location")).hasValueSatisfying(location ->
                assertThat(location).endsWith(page));
        return owner.get(page).body();
    }

    private Instant scheduledFor() {
        return Instant.parse(api().get(restaurant.path("/posts/" + postId), restaurant.key()).text("scheduled_for"));
    }
}
