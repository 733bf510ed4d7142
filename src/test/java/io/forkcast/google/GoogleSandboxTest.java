package io.forkcast.google;

import com.sun.net.httpserver.HttpServer;
import io.forkcast.support.ApiClient;
import io.forkcast.support.Browser;
import io.forkcast.support.SandboxedApiTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Google sandbox as Google's clients see it, through the real {@link GoogleClient} and raw HTTP: OAuth with
 * PKCE, refresh and revocation, Business Profile accounts and locations, local posts of each type with photos
 * fetched by URL from a real local HTTP server, and Google's error bodies and quota.
 */
class GoogleSandboxTest extends SandboxedApiTest {

    private static final URI REDIRECT = URI.create("http://localhost:9/google/callback");
    private static final String PARENT = "accounts/107000000000000000001/locations/4200000000000000001";

    @Autowired
    GoogleClient google;

    private ApiClient api;
    private HttpServer photos;
    private String photoBase;

    @BeforeEach
    void resetGoogleAndServePhotos() throws IOException {
        api = api();
        assertThat(api.post("/sandbox/google/admin/reset", null, null).status()).isEqualTo(204);
        byte[] big = jpeg(600, 400);
        byte[] small = jpeg(100, 100);
        photos = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        photos.createContext("/big.jpg", exchange -> serve(exchange, big));
        photos.createContext("/small.jpg", exchange -> serve(exchange, small));
        photos.start();
        photoBase = "http://127.0.0.1:" + photos.getAddress().getPort();
    }

    @AfterEach
    void stopPhotos() {
        photos.stop(0);
    }

    private static void serve(com.sun.net.httpserver.HttpExchange exchange, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", "image/jpeg");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Noise, so that the JPEG stays large enough for Google's 10 KB minimum. */
    private static byte[] jpeg(int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(42);
        for (int x = 0; x < width; x++) {
            for (int y = 0; y < height; y++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /** Consents on the sandbox's page and returns the code Google sends back. */
    private String code(String verifier) {
        Browser browser = new Browser();
        Browser.Page page = browser.open(google.authorizationUrl(REDIRECT, "state-1", verifier));
        assertThat(page.status()).as(page.html()).isEqualTo(200);
        URI back = browser.submitAndStop(page, "approve", Set.of());
        Map<String, List<String>> query = UriComponentsBuilder.fromUri(back).build().getQueryParams();
        assertThat(query.get("state")).containsExactly("state-1");
        return query.get("code").getFirst();
    }

    private GoogleTokens connect() {
        String verifier = "v".repeat(43);
        return google.exchangeCode(code(verifier), REDIRECT, verifier);
    }

    @Test
    void theTokenEndpointChecksThePkceVerifierAndTakesEachCodeOnce() {
        String verifier = "correct-verifier-0123456789-0123456789-abcdef";
        assertThatThrownBy(() -> google.exchangeCode(code(verifier), REDIRECT, "another-verifier-0123456789-0123456789"))
                .isInstanceOfSatisfying(GoogleError.class, e -> {
                    assertThat(e.kind()).isEqualTo(GoogleError.Kind.INVALID_GRANT);
                    assertThat(e.googleMessage()).isEqualTo("Invalid code verifier.");
                });

        String code = code(verifier);
        GoogleTokens tokens = google.exchangeCode(code, REDIRECT, verifier);
        assertThat(tokens.accessToken()).startsWith("ya29.");
        assertThat(tokens.refreshToken()).startsWith("1//");
        assertThat(tokens.expiresIn()).isEqualTo(Duration.ofSeconds(3599));
        assertThat(tokens.scopes()).containsExactly("https://www.googleapis.com/auth/business.manage");
        assertThat(tokens.toString()).doesNotContain(tokens.accessToken(), tokens.refreshToken());

        assertThatThrownBy(() -> google.exchangeCode(code, REDIRECT, verifier))
                .isInstanceOfSatisfying(GoogleError.class, e -> assertThat(e.kind())
                        .isEqualTo(GoogleError.Kind.INVALID_GRANT));
    }

    @Test
    void aWrongClientSecretIsInvalidClientInGooglesOAuthShape() {
        ApiClient.Response response = api.send("POST", "/sandbox/google/oauth2/token", null,
                "grant_type=refresh_token&refresh_token=x&client_id=sandbox-client.apps.googleusercontent.com"
                        + "&client_secret=wrong", "application/x-www-form-urlencoded");

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.text("error")).isEqualTo("invalid_client");
        assertThat(response.text("error_description")).isEqualTo("Unauthorized");
    }

    @Test
    void refreshGivesANewAccessTokenUntilTheGrantIsRevoked() {
        GoogleTokens tokens = connect();
        GoogleTokens refreshed = google.refresh(tokens.refreshToken());
        assertThat(refreshed.accessToken()).isNotEqualTo(tokens.accessToken());
        assertThat(refreshed.refreshToken()).isNull();

        google.revoke(tokens.refreshToken());

        assertThatThrownBy(() -> google.refresh(tokens.refreshToken()))
                .isInstanceOfSatisfying(GoogleError.class, e -> {
                    assertThat(e.kind()).isEqualTo(GoogleError.Kind.INVALID_GRANT);
                    assertThat(e.googleMessage()).isEqualTo("Token has been expired or revoked.");
                });
        assertThatThrownBy(() -> google.accounts(refreshed.accessToken()))
                .isInstanceOfSatisfying(GoogleError.class, e -> assertThat(e.kind())
                        .isEqualTo(GoogleError.Kind.UNAUTHENTICATED));
        google.revoke(tokens.refreshToken()); // already revoked: not an error for the client
        ApiClient.Response again = api.send("POST", "/sandbox/google/oauth2/revoke", null,
                "token=" + tokens.refreshToken(), "application/x-www-form-urlencoded");
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.text("error")).isEqualTo("invalid_token");
    }

    @Test
    void accountsAndLocationsAreListedAcrossPages() {
        GoogleTokens tokens = connect();

        List<BusinessAccount> accounts = google.accounts(tokens.accessToken());
        List<BusinessLocation> locations = google.locations(tokens.accessToken(), accounts.getFirst().name());

        assertThat(accounts).containsExactly(new BusinessAccount("accounts/107000000000000000001", "Giulia Rossi",
                "PERSONAL"));
        assertThat(locations).extracting(BusinessLocation::title)
                .containsExactly("Trattoria Sandbox", "Trattoria Sandbox Catering");
        assertThat(locations.getFirst().postsParent()).isEqualTo(PARENT);
        assertThat(locations.getFirst().address()).isEqualTo("Via Roma 1, Bologna");
    }

    @Test
    void businessProfileErrorsHaveGooglesShape() {
        GoogleTokens tokens = connect();
        String bearer = "Bearer " + tokens.accessToken();

        JsonNode unauthenticated = api.get("/sandbox/google/mybusinessaccountmanagement/v1/accounts", null).body()
                .get("error");
        assertThat(unauthenticated.get("code").asInt()).isEqualTo(401);
        assertThat(unauthenticated.get("status").asString()).isEqualTo("UNAUTHENTICATED");

        ApiClient.Response noMask = api.get("/sandbox/google/mybusinessbusinessinformation/v1/accounts/"
                + "107000000000000000001/locations", bearer);
        assertThat(noMask.status()).isEqualTo(400);
        JsonNode error = noMask.body().get("error");
        assertThat(error.get("status").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.get("details").get(0).get("@type").asString())
                .isEqualTo("type.googleapis.com/google.rpc.BadRequest");
        assertThat(error.get("details").get(0).get("fieldViolations").get(0).get("field").asString())
                .isEqualTo("read_mask");

        assertThatThrownBy(() -> google.locations(tokens.accessToken(), "accounts/999"))
                .isInstanceOfSatisfying(GoogleError.class, e -> {
                    assertThat(e.kind()).isEqualTo(GoogleError.Kind.PERMISSION_DENIED);
                    assertThat(e.status()).isEqualTo("PERMISSION_DENIED");
                });
    }

    @Test
    void aFoodMenuBreakingGooglesRulesIsInvalidArgumentNamingEveryFieldAndNothingIsWritten() {
        String bearer = "Bearer " + connect().accessToken();
        Map<String, Object> item = Map.of("labels", List.of(Map.of("displayName", "x".repeat(141))),
                "attributes", Map.of("price", Map.of("units", "9"), "dietaryRestriction", List.of("GLUTEN_FREE")));
        Map<String, Object> body = Map.of("menus", List.of(Map.of("labels", List.of(Map.of("displayName", "Menu")),
                "sections", List.of(Map.of("labels", List.of(), "items", List.of(item))))));

        ApiClient.Response refused = api.patch("/sandbox/google/mybusiness/v4/" + PARENT + "/foodMenus?updateMask=menus",
                bearer, body);

        assertThat(refused.status()).isEqualTo(400);
        JsonNode error = refused.body().get("error");
        assertThat(error.get("status").asString()).isEqualTo("INVALID_ARGUMENT");
        assertThat(error.get("details").get(0).get("fieldViolations").toString()).contains(
                "menus[0].sections[0].labels", "menus[0].sections[0].items[0].labels[0].display_name",
                "menus[0].sections[0].items[0].attributes.price.currency_code",
                "menus[0].sections[0].items[0].attributes.dietary_restriction");
        assertThat(api.get("/sandbox/google/admin/food-menus", null).body().path("writes").asInt()).isZero();
    }

    @Test
    void reviewsRepliesAndFiguresSpeakGooglesShapesThroughTheClient() {
        GoogleTokens tokens = connect();
        api.post("/sandbox/google/admin/reviews", null, Map.of("location", PARENT, "stars", 4, "comment", "Good.",
                "reviewer", "Anna"));
        api.post("/sandbox/google/admin/reviews", null, Map.of("location", PARENT, "stars", 2));

        List<Review> reviews = google.reviews(tokens.accessToken(), PARENT);
        assertThat(reviews).extracting(Review::stars).containsExactly(2, 4);
        assertThat(reviews.getFirst().reviewerName()).isNull(); // anonymous
        JsonNode raw = api.get("/sandbox/google/mybusiness/v4/" + PARENT + "/reviews", "Bearer "
                + tokens.accessToken()).body();
        assertThat(raw.path("averageRating").asDouble()).isEqualTo(3.0);
        assertThat(raw.path("totalReviewCount").asInt()).isEqualTo(2);
        assertThat(raw.path("reviews").get(0).path("starRating").asString()).isEqualTo("TWO");

        Review.Reply reply = google.updateReply(tokens.accessToken(), reviews.get(1).name(), "Thank you, Anna!");
        assertThat(reply.comment()).isEqualTo("Thank you, Anna!");
        assertThat(reply.updateTime()).isNotNull();
        assertThat(google.reviews(tokens.accessToken(), PARENT).get(1).replyComment()).isEqualTo("Thank you, Anna!");
        assertThatThrownBy(() -> google.updateReply(tokens.accessToken(), reviews.get(1).name(), "x".repeat(4097)))
                .isInstanceOfSatisfying(GoogleError.class, e -> assertThat(e.fieldViolations())
                        .extracting(GoogleError.FieldViolation::field).containsExactly("comment"));
        assertThatThrownBy(() -> google.updateReply(tokens.accessToken(), PARENT + "/reviews/unknown", "Hi"))
                .isInstanceOfSatisfying(GoogleError.class, e -> assertThat(e.kind())
                        .isEqualTo(GoogleError.Kind.NOT_FOUND));
        google.deleteReply(tokens.accessToken(), reviews.get(1).name());
        google.deleteReply(tokens.accessToken(), reviews.get(1).name()); // already gone: not an error
        assertThat(google.reviews(tokens.accessToken(), PARENT).get(1).replyComment()).isNull();

        java.time.LocalDate today = java.time.LocalDate.ofInstant(CLOCK.instant(), java.time.ZoneOffset.UTC);
        Map<DailyMetric, Map<java.time.LocalDate, Long>> figures = google.dailyMetrics(tokens.accessToken(),
                "locations/4200000000000000001", today.minusDays(7), today.minusDays(1));
        assertThat(figures).containsKeys(DailyMetric.WEBSITE_CLICKS, DailyMetric.BUSINESS_IMPRESSIONS_MOBILE_MAPS);
        // No value for yesterday yet: Google leaves "value" out, as for a zero.
        assertThat(figures.get(DailyMetric.BUSINESS_IMPRESSIONS_MOBILE_MAPS)).containsEntry(today.minusDays(1), 0L);
        assertThat(google.dailyMetrics(tokens.accessToken(), "locations/4200000000000000001", today.minusDays(7),
                today.minusDays(1))).isEqualTo(figures); // the same figures each time
        assertThatThrownBy(() -> google.dailyMetrics(tokens.accessToken(), "locations/4200000000000000001",
                today, today.minusDays(3)))
                .isInstanceOfSatisfying(GoogleError.class, e -> assertThat(e.kind())
                        .isEqualTo(GoogleError.Kind.INVALID_ARGUMENT));
        assertThatThrownBy(() -> google.dailyMetrics(tokens.accessToken(), "locations/999", today.minusDays(3),
                today.minusDays(2)))
                .isInstanceOfSatisfying(GoogleError.class, e -> assertThat(e.kind())
                        .isEqualTo(GoogleError.Kind.PERMISSION_DENIED));
        assertThat(api.get("/sandbox/google/mybusiness/v4/" + PARENT + "/reviews", null).status()).isEqualTo(401);
    }

    @Test
    void overThePerMinuteQuotaGoogleAnswersResourceExhaustedNamingTheQuota() {
        GoogleTokens tokens = connect();
        api.put("/sandbox/google/admin/quota", null, Map.of("requests_per_minute", 2));
        google.accounts(tokens.accessToken());
        google.accounts(tokens.accessToken());

        ApiClient.Response third = api.get("/sandbox/google/mybusinessaccountmanagement/v1/accounts",
                "Bearer " + tokens.accessToken());
        assertThat(third.status()).isEqualTo(429);
        JsonNode error = third.body().get("error");
        assertThat(error.get("status").asString()).isEqualTo("RESOURCE_EXHAUSTED");
        JsonNode info = error.get("details").get(0);
        assertThat(info.get("reason").asString()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(info.get("metadata").get("quota_limit_value").asString()).isEqualTo("2");
        assertThatThrownBy(() -> google.accounts(tokens.accessToken()))
                .isInstanceOfSatisfying(GoogleError.class, e -> {
                    assertThat(e.kind()).isEqualTo(GoogleError.Kind.RATE_LIMITED);
                    assertThat(e.retryable()).isTrue();
                });

        CLOCK.advance(Duration.ofMinutes(1));
        assertThat(google.accounts(tokens.accessToken())).hasSize(1);
    }

    @Test
    void postsOfEachTypeAreCreatedWithTheirPhotoProcessedAndListedNewestFirst() {
        String token = connect().accessToken();
        LocalDateTime friday = LocalDateTime.of(2026, 12, 11, 19, 0);

        LocalPost whatsNew = google.createLocalPost(token, PARENT, new NewLocalPost("STANDARD", "en",
                "Burrata is back tonight!", "BOOK", URI.create("https://trattoria.example/book"), null, null, null,
                null, null, null, List.of(URI.create(photoBase + "/big.jpg"))));
        LocalPost offer = google.createLocalPost(token, PARENT, new NewLocalPost("OFFER", "en", "Two for one",
                null, null, "Tiramisu for two", friday, friday.plusDays(2), "TIRAMISU2",
                URI.create("https://trattoria.example/offer"), "One per table.", List.of()));
        LocalPost event = google.createLocalPost(token, PARENT, new NewLocalPost("EVENT", "en", "Live jazz", "CALL",
                null, "Jazz night", friday, friday.plusHours(3), null, null, null, List.of()));

        assertThat(List.of(whatsNew, offer, event)).allSatisfy(post -> {
            assertThat(post.name()).startsWith(PARENT + "/localPosts/");
            assertThat(post.state()).isEqualTo("PROCESSING");
            assertThat(post.searchUrl()).startsWith("https://local.google.com/");
        });
        CLOCK.advance(Duration.ofSeconds(1));
        List<LocalPost> listed = google.localPosts(token, PARENT);
        assertThat(listed).extracting(LocalPost::name).containsExactly(event.name(), offer.name(), whatsNew.name());
        assertThat(listed).extracting(LocalPost::topicType).containsExactly("EVENT", "OFFER", "STANDARD");
        assertThat(listed).allSatisfy(post -> assertThat(post.live()).isTrue());

        JsonNode stored = api.get("/sandbox/google/admin/posts", null).body().get(PARENT);
        JsonNode storedOffer = stored.get(1);
        assertThat(storedOffer.get("event").get("schedule").get("startDate").get("day").asInt()).isEqualTo(11);
        assertThat(storedOffer.get("offer").get("couponCode").asString()).isEqualTo("TIRAMISU2");
        assertThat(stored.get(2).get("media").get(0).get("googleUrl").asString()).startsWith("https://lh3.");
        assertThat(stored.get(2).get("callToAction").get("actionType").asString()).isEqualTo("BOOK");

        google.deleteLocalPost(token, offer.name());
        assertThat(google.localPosts(token, PARENT)).hasSize(2);
        assertThatThrownBy(() -> google.localPost(token, offer.name()))
                .isInstanceOfSatisfying(GoogleError.class, e -> assertThat(e.kind())
                        .isEqualTo(GoogleError.Kind.NOT_FOUND));
    }

    @Test
    void aPostBreakingGooglesRulesIsInvalidArgumentNamingEveryField() {
        String token = connect().accessToken();
        LocalDateTime friday = LocalDateTime.of(2026, 12, 11, 19, 0);

        assertThatThrownBy(() -> google.createLocalPost(token, PARENT, new NewLocalPost("EVENT", "en",
                "x".repeat(1501), "ORDER", null, null, friday, friday.minusHours(1), null, null, null,
                List.of(URI.create(photoBase + "/small.jpg")))))
                .isInstanceOfSatisfying(GoogleError.class, e -> {
                    assertThat(e.kind()).isEqualTo(GoogleError.Kind.INVALID_ARGUMENT);
                    assertThat(e.status()).isEqualTo("INVALID_ARGUMENT");
                    assertThat(e.fieldViolations()).extracting(GoogleError.FieldViolation::field)
                            .containsExactlyInAnyOrder("summary", "call_to_action.url", "event.title",
                                    "event.schedule", "media[0].source_url");
                    assertThat(e.fieldViolations()).filteredOn(v -> v.field().equals("media[0].source_url"))
                            .extracting(GoogleError.FieldViolation::description).singleElement().asString()
                            .contains("10 KB");
                });
        assertThat(google.localPosts(token, PARENT)).isEmpty();
    }

    @Test
    void aPostGoogleRejectsEndsRejectedOnceProcessed() {
        String token = connect().accessToken();
        api.post("/sandbox/google/admin/posts/reject-next", null, Map.of("times", 1));

        LocalPost post = google.createLocalPost(token, PARENT, new NewLocalPost("STANDARD", "en", "Hello", null,
                null, null, null, null, null, null, null, List.of()));
        CLOCK.advance(Duration.ofSeconds(1));

        assertThat(google.localPost(token, post.name()).rejected()).isTrue();
    }
}
