package io.forkcast.meta;

import io.forkcast.support.ApiClient;
import io.forkcast.support.SandboxedApiTest;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.util.UriComponents;
import org.springframework.web.util.UriComponentsBuilder;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Graph client against the sandbox of the same running instance: real HTTP both ways. */
@ExtendWith(OutputCaptureExtension.class)
class GraphClientTest extends SandboxedApiTest {

    private static final String USER = "10000000000001";

    @Autowired
    GraphClient graph;

    @Autowired
    GraphUsage usage;

    @Autowired
    MeterRegistry registry;

    private String sandboxUserToken() {
        return api().post("/sandbox/admin/tokens", null, Map.of("user_id", USER)).text("access_token");
    }

    private void fault(Map<String, Object> fault) {
        assertThat(api().post("/sandbox/admin/faults", null, fault).status()).isEqualTo(201);
    }

    @Test
    void aReelSessionKeepsItsPhases_theUploadHostsRefusalCarriesNoToken() {
        ManagedPage page = graph.managedPages(graph.exchangeForLongLivedToken(sandboxUserToken()).value()).stream()
                .filter(p -> p.id().equals("200000000000001")).findFirst().orElseThrow();
        String video = graph.startFacebookUpload(page.id(), page.accessToken(), GraphClient.FacebookUpload.REEL);

        assertThat(video).isNotBlank();
        GraphClient.VideoStatus status = graph.videoStatus(video, page.accessToken());
        assertThat(status.uploaded()).isFalse();
        assertThat(status.finishing()).isFalse();
        // Finishing before the file is uploaded is the wrong phase.
        GraphError early = catchThrowableOfType(GraphError.class, () -> graph.finishFacebookUpload(page.id(),
                page.accessToken(), GraphClient.FacebookUpload.REEL, video, "Too early"));
        assertThat(early.code()).isEqualTo(100);
        assertThat(early.kind()).isEqualTo(GraphError.Kind.INVALID_REQUEST);
        // The upload host cannot fetch this address: its own error shape, read without the token.
        GraphError unreachable = catchThrowableOfType(GraphError.class, () -> graph.uploadHostedVideo(video,
                page.accessToken(), "http://127.0.0.1:1/nothing.mp4"));
        assertThat(unreachable.kind()).isEqualTo(GraphError.Kind.INVALID_REQUEST);
        assertThat(unreachable.graphMessage()).contains("Failed to fetch the file").doesNotContain(page.accessToken());
        assertThat(unreachable.getMessage()).doesNotContain(page.accessToken());
        assertThat(graph.videoStatus(video, page.accessToken()).uploaded()).isFalse();
    }

    @Test
    void dialogUrlCarriesTheAppTheExactRedirectUriTheStateAndTheScopes() {
        URI redirect = URI.create("http://localhost:" + port + "/api/v1/oauth/facebook/callback");

        UriComponents dialog = UriComponentsBuilder.fromUri(graph.authorizationDialogUrl(redirect, "st+ate/=")).build();

        assertThat(dialog.getPath()).isEqualTo("/sandbox/www/v26.0/dialog/oauth");
        assertThat(dialog.getPort()).isEqualTo(port);
        Map<String, String> query = decodedQuery(dialog);
        assertThat(query).containsEntry("client_id", "100000000000042")
                .containsEntry("redirect_uri", redirect.toString())
                .containsEntry("state", "st+ate/=")
                .containsEntry("response_type", "code")
                .containsEntry("scope", "pages_show_list,pages_read_engagement,pages_manage_posts,"
                        + "pages_manage_engagement,instagram_basic,instagram_content_publish,instagram_manage_comments");
    }

    @Test
    void longLivedTokenPagesAndInstagramAccountComeFromTheSandbox() {
        UserAccessToken longLived = graph.exchangeForLongLivedToken(sandboxUserToken());

        assertThat(longLived.expiresIn()).isGreaterThan(Duration.ofDays(59));
        TokenDebugInfo info = graph.debugToken(longLived.value());
        assertThat(info.valid()).isTrue();
        assertThat(info.type()).isEqualTo("USER");
        assertThat(info.userId()).isEqualTo(USER);
        assertThat(info.expiresAt()).isNotNull();
        assertThat(info.dataAccessExpiresAt()).isNotNull();
        assertThat(info.scopes()).contains("pages_show_list", "instagram_basic");
        assertThat(info.grants("pages_show_list", "200000000000001")).isTrue();

        List<ManagedPage> pages = graph.managedPages(longLived.value());
        assertThat(pages).extracting(ManagedPage::name)
                .containsExactly("Trattoria Sandbox", "Trattoria Sandbox Catering");
        assertThat(pages).allSatisfy(page -> assertThat(page.accessToken()).isNotBlank());
        assertThat(graph.debugToken(pages.getFirst().accessToken()).expiresAt()).as("page tokens never expire").isNull();

        // Each Page's picture comes with it; the Catering Page has none (Facebook's silhouette).
        assertThat(pages.get(0).pictureUrl()).endsWith("/sandbox/cdn/pictures/" + pages.get(0).id() + ".png");
        assertThat(pages.get(1).pictureUrl()).isNull();
        assertThat(graph.profilePicture(pages.get(0).id(), pages.get(0).accessToken(), false))
                .isEqualTo(pages.get(0).pictureUrl());
        InstagramAccount instagram = graph.instagramAccount(pages.get(0).id(), pages.get(0).accessToken())
                .orElseThrow();
        assertThat(instagram.id()).isEqualTo("17841400000000001");
        assertThat(instagram.username()).isEqualTo("trattoria.sandbox");
        assertThat(instagram.profilePictureUrl()).endsWith("/sandbox/cdn/pictures/17841400000000001.png");
        assertThat(graph.profilePicture(instagram.id(), pages.get(0).accessToken(), true))
                .isEqualTo(instagram.profilePictureUrl());
        assertThat(graph.instagramAccount(pages.get(1).id(), pages.get(1).accessToken())).isEmpty();
    }

    @Test
    void appsecretProofIsTheHmacOfTheTokenUnderTheAppSecret() throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("sandbox-app-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal("EAAtoken".getBytes(StandardCharsets.UTF_8)));

        assertThat(graph.appSecretProof("EAAtoken")).isEqualTo(expected).matches("[0-9a-f]{64}");
    }

    @Test
    void graphErrorsAreTypedByCode() {
        String token = graph.exchangeForLongLivedToken(sandboxUserToken()).value();
        Map<Integer, GraphError.Kind> expected = Map.of(2, GraphError.Kind.TRANSIENT, 4, GraphError.Kind.RATE_LIMITED,
                17, GraphError.Kind.RATE_LIMITED, 32, GraphError.Kind.RATE_LIMITED, 190, GraphError.Kind.AUTH_INVALID,
                200, GraphError.Kind.PERMISSION, 100, GraphError.Kind.INVALID_REQUEST);
        expected.forEach((code, kind) -> {
            fault(Map.of("operation", "me/accounts", "code", code));

            GraphError error = catchThrowableOfType(GraphError.class, () -> graph.managedPages(token));

            assertThat(error.kind()).as("code %s", code).isEqualTo(kind);
            assertThat(error.code()).isEqualTo(code);
        });
    }

    @Test
    void transientFlagMakesAnErrorTransient() {
        String token = graph.exchangeForLongLivedToken(sandboxUserToken()).value();
        fault(Map.of("operation", "me/accounts", "code", 1, "is_transient", true));

        assertThat(catchThrowableOfType(GraphError.class, () -> graph.managedPages(token)).kind())
                .isEqualTo(GraphError.Kind.TRANSIENT);
    }

    @Test
    void expiredTokenIs190With463() {
        String token = sandboxUserToken();
        CLOCK.advance(Duration.ofHours(3));

        GraphError error = catchThrowableOfType(GraphError.class, () -> graph.managedPages(token));

        assertThat(error.kind()).isEqualTo(GraphError.Kind.AUTH_INVALID);
        assertThat(error.codeText()).isEqualTo("190/463");
        assertThat(catchThrowableOfType(GraphError.class, () -> graph.exchangeForLongLivedToken(token)).codeText())
                .as("an expired token cannot be exchanged").isEqualTo("190/463");
    }

    @Test
    void passwordChangeRevokesEveryTokenWith460() {
        String token = graph.exchangeForLongLivedToken(sandboxUserToken()).value();
        api().post("/sandbox/admin/users/" + USER + "/password-change", null, null);

        assertThat(catchThrowableOfType(GraphError.class, () -> graph.managedPages(token)).codeText())
                .isEqualTo("190/460");
        TokenDebugInfo info = graph.debugToken(token);
        assertThat(info.valid()).isFalse();
        assertThat(info.errorCode()).isEqualTo(190);
        assertThat(info.errorSubcode()).isEqualTo(460);
    }

    @Test
    void tokenOfAnotherAppIsInvalid() {
        String foreign = api().post("/sandbox/admin/tokens", null, Map.of("user_id", USER, "app_id", "999000000000999"))
                .text("access_token");

        TokenDebugInfo info = graph.debugToken(foreign);

        assertThat(info.valid()).isFalse();
        assertThat(info.errorCode()).isEqualTo(190);
        assertThat(catchThrowableOfType(GraphError.class, () -> graph.exchangeForLongLivedToken(foreign)).codeText())
                .isEqualTo("190/467");
    }

    @Test
    void usageHeadersBecomeGaugesAndHighUsageSlowsTheClientDown() {
        String token = graph.exchangeForLongLivedToken(sandboxUserToken()).value();
        fault(Map.of("operation", "me/accounts", "usage_percent", 95, "times", 5));
        double throttledBefore = registry.counter("forkcast.meta.throttled.calls").count();

        graph.managedPages(token);

        assertThat(registry.get("forkcast.meta.app.usage").tag("metric", "call_count").gauge().value()).isEqualTo(95.0);
        assertThat(usage.delayBeforeNextCall()).isPositive().isLessThanOrEqualTo(Duration.ofMillis(200));
        graph.managedPages(token);
        assertThat(registry.counter("forkcast.meta.throttled.calls").count()).isGreaterThan(throttledBefore);

        api().delete("/sandbox/admin/faults", null);
        graph.managedPages(token);
        graph.managedPages(token);
        assertThat(usage.delayBeforeNextCall()).isZero();
    }

    @Test
    void pageRateLimitReportsBusinessUseCaseUsage() {
        String token = graph.exchangeForLongLivedToken(sandboxUserToken()).value();
        fault(Map.of("operation", "me/accounts", "code", 32, "usage_percent", 100));

        GraphError error = catchThrowableOfType(GraphError.class, () -> graph.managedPages(token));

        assertThat(error.kind()).isEqualTo(GraphError.Kind.RATE_LIMITED);
        assertThat(registry.get("forkcast.meta.business.usage").tag("type", "pages").gauge().value()).isEqualTo(100.0);
        assertThat(usage.delayBeforeNextCall()).isEqualTo(Duration.ofMillis(200));
        // The context is shared: leave the Pages budget reported low again, or every later Graph call would wait.
        api().delete("/sandbox/admin/faults", null);
        // (The sandbox, like Meta, reports the Pages budget beside a Pages rate-limit error: one more, at 0 %.)
        fault(Map.of("operation", "me/accounts", "code", 32, "usage_percent", 0, "times", 1));
        catchThrowableOfType(GraphError.class, () -> graph.managedPages(token));
        assertThat(registry.get("forkcast.meta.business.usage").tag("type", "pages").gauge().value()).isZero();
        assertThat(usage.delayBeforeNextCall()).isZero();
    }

    @Test
    void graphThatDoesNotAnswerInTimeIsATransientError() {
        String token = graph.exchangeForLongLivedToken(sandboxUserToken()).value();
        fault(Map.of("operation", "me/accounts", "latency_ms", 3000));

        GraphError error = catchThrowableOfType(GraphError.class, () -> graph.managedPages(token));

        assertThat(error.kind()).isEqualTo(GraphError.Kind.TRANSIENT);
        assertThat(error.code()).isNull();
    }

    @Test
    void noTokenOrSecretReachesLogsExceptionMessagesOrMetricTags(CapturedOutput output) {
        String token = graph.exchangeForLongLivedToken(sandboxUserToken()).value();
        fault(Map.of("operation", "me/accounts", "code", 190, "message", "Bad token " + token + " sandbox-app-secret"));

        GraphError error = catchThrowableOfType(GraphError.class, () -> graph.managedPages(token));
        GraphError debugError = catchThrowableOfType(GraphError.class, () -> {
            fault(Map.of("operation", "debug_token", "code", 2));
            graph.debugToken(token);
        });

        assertThat(error.getMessage()).doesNotContain(token).doesNotContain("sandbox-app-secret").contains("[redacted]");
        assertThat(error.graphMessage()).doesNotContain(token);
        assertThat(debugError.getMessage()).doesNotContain(token);
        assertThat(output.getAll()).doesNotContain(token).doesNotContain("sandbox-app-secret");
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
                .noneMatch(tag -> tag.getValue().contains(token)));
        assertThat(new ApiClient(port).getText("/actuator/prometheus")).doesNotContain(token);
    }

    @Test
    void classificationFollowsMetasCodes() {
        assertThat(GraphError.classify(1, null, false)).isEqualTo(GraphError.Kind.TRANSIENT);
        assertThat(GraphError.classify(613, null, false)).isEqualTo(GraphError.Kind.RATE_LIMITED);
        assertThat(GraphError.classify(80001, null, false)).isEqualTo(GraphError.Kind.RATE_LIMITED);
        assertThat(GraphError.classify(102, null, false)).isEqualTo(GraphError.Kind.AUTH_INVALID);
        assertThat(GraphError.classify(10, null, false)).isEqualTo(GraphError.Kind.PERMISSION);
        assertThat(GraphError.classify(299, null, false)).isEqualTo(GraphError.Kind.PERMISSION);
        assertThat(GraphError.classify(-2, 2207003, false)).isEqualTo(GraphError.Kind.TRANSIENT);
        assertThat(GraphError.classify(9, 2207042, false)).isEqualTo(GraphError.Kind.RATE_LIMITED);
        assertThat(GraphError.classify(100, null, true)).isEqualTo(GraphError.Kind.TRANSIENT);
        assertThat(GraphError.classify(12345, null, false)).isEqualTo(GraphError.Kind.UNKNOWN);
    }

    private static Map<String, String> decodedQuery(UriComponents uri) {
        Map<String, String> decoded = new HashMap<>();
        uri.getQueryParams().forEach((name, values) ->
                decoded.put(name, java.net.URLDecoder.decode(values.getFirst(), StandardCharsets.UTF_8)));
        return decoded;
    }
}
