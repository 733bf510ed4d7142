package io.forkcast.sandbox.meta;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import io.forkcast.shared.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test controls of the sandbox ({@code /sandbox/admin}): reset to the seed, inject faults, set the usage Meta
 * reports, simulate a password change or a removed permission, issue a token without the dialog. Unprotected:
 * it exists only where the sandbox is on, never in production.
 */
@RestController
@RequestMapping("/sandbox/admin")
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class SandboxAdminController {

    /**
     * A fault for the next {@code times} calls of {@code operation} ({@code *}, {@code oauth/access_token},
     * {@code debug_token}, {@code me/accounts}, {@code page}): an error with Graph's {@code code} (and subcode),
     * a delay, a usage percentage to report, or several of these. With {@code after_success} the call takes
     * effect (the post is created) and only then answers the error: a timeout after success, as a client sees it.
     */
    record FaultRequest(@NotBlank String operation, @Min(1) Integer times, Integer code, Integer errorSubcode,
            Boolean isTransient, @Min(400) @Max(599) Integer httpStatus, String message, @Min(0) Long latencyMs,
            @Min(0) @Max(1000) Integer usagePercent, Boolean afterSuccess) {
    }

    /**
     * The next {@code times} Instagram containers end in {@code status} (ERROR or EXPIRED) once processed; an armed
     * ERROR also fails the processing of the next Facebook video (feed video, Reel or video Story).
     */
    record ContainerOutcomeRequest(@NotBlank @jakarta.validation.constraints.Pattern(regexp = "ERROR|EXPIRED")
            String status, @Min(1) Integer times) {
    }

    record UsageRequest(@Min(0) @Max(1000) int percent) {
    }

    record TokenRequest(@NotBlank String userId, String appId, @Min(1) Long expiresInSeconds, List<String> scopes) {
    }

    /** Optional: sign with another secret or name another algorithm, to forge a callback. */
    record CallbackRequest(String signingSecret, String algorithm) {
    }

    private final MetaSandbox sandbox;
    private final SandboxFaults faults;
    private final SandboxPublishing publishing;
    private final SandboxCallbacks callbacks;
    private final SandboxExtras extras;
    private final SandboxVideos videos;

    SandboxAdminController(MetaSandbox sandbox, SandboxFaults faults, SandboxPublishing publishing,
            SandboxCallbacks callbacks, SandboxExtras extras, SandboxVideos videos) {
        this.videos = videos;
        this.extras = extras;
        this.publishing = publishing;
        this.callbacks = callbacks;
        this.sandbox = sandbox;
        this.faults = faults;
    }

    @PostMapping("/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset() {
        sandbox.reset();
        faults.clear();
        publishing.reset();
        videos.reset();
        extras.reset();
    }

    /** One published object with what it was given besides media and caption (alt texts, place) and its comments. */
    @GetMapping("/published/{id}")
    Map<String, Object> publishedObject(@PathVariable String id) {
        videos.settle();
        SandboxPublishing.Published object = publishing.find(id).orElseThrow(() ->
                SandboxGraphException.of(100, null, "Nothing published with id " + id));
        Map<String, Object> body = new java.util.LinkedHashMap<>();
        body.put("published", object);
        SandboxExtras.Tags tags = extras.tags(id).orElse(new SandboxExtras.Tags(List.of(), null));
        body.put("alt_texts", tags.altTexts());
        body.put("place_id", tags.placeId());
        body.put("comments", extras.commentsOn(id));
        return body;
    }

    /**
     * Everything published on the sandbox's Pages and Instagram accounts since the last reset, oldest first; each
     * with its {@code kind}: {@code post}, {@code video}, {@code reel} or {@code story}. With {@code caption_prefix},
     * only what a caption starting with it was published with.
     */
    @GetMapping("/published")
    Map<String, Object> published(@RequestParam(name = "caption_prefix", required = false) String captionPrefix) {
        videos.settle();
        return Map.of("data", publishing.all(captionPrefix));
    }

    /**
     * How many objects {@link #published} would list: what a benchmark or a test polls while it waits, without the
     * whole list made, sent and read every time.
     */
    @GetMapping("/published/count")
    Map<String, Object> publishedCount(
            @RequestParam(name = "caption_prefix", required = false) String captionPrefix) {
        videos.settle();
        return Map.of("count", publishing.count(captionPrefix));
    }

    /** The Instagram containers made since the last reset, oldest first, with their status. */
    @GetMapping("/containers")
    Map<String, Object> containers() {
        return Map.of("data", publishing.containers());
    }

    /** The ids of the Page photos uploaded unpublished and not attached to any post yet. */
    @GetMapping("/unpublished-photos")
    Map<String, Object> unpublishedPhotos() {
        return Map.of("data", publishing.unpublishedPhotos().keySet().stream().sorted().toList());
    }

    /**
     * What a Page's or Instagram account's profile grid shows, newest first: what the Reels tab alone holds (a Reel
     * not shared to the feed) and Stories are left out.
     */
    @GetMapping("/accounts/{ownerId}/feed")
    Map<String, Object> feed(@PathVariable String ownerId) {
        videos.settle();
        return Map.of("data", publishing.feedGrid(ownerId));
    }

    record EngagementRequest(@Min(0) int likes, @Min(0) int comments, @Min(0) int shares) {
    }

    /** Sets the likes, comments and shares of a published post or media. */
    @PutMapping("/published/{id}/engagement")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void engage(@PathVariable String id, @Valid @RequestBody EngagementRequest request) {
        if (!publishing.engage(id, request.likes(), request.comments(), request.shares())) {
            throw SandboxGraphException.of(100, null, "Nothing published with id " + id);
        }
    }

    @PostMapping("/faults")
    @ResponseStatus(HttpStatus.CREATED)
    void addFault(@Valid @RequestBody FaultRequest request) {
        faults.add(new SandboxFaults.Fault(request.operation(),
                new AtomicInteger(request.times() == null ? 1 : request.times()),
                request.code(), request.errorSubcode(), Boolean.TRUE.equals(request.isTransient()),
                request.httpStatus() == null ? (request.code() != null && request.code() <= 2 ? 500 : 400)
                        : request.httpStatus(),
                request.message() == null ? defaultMessage(request.code()) : request.message(),
                request.latencyMs() == null ? Duration.ZERO : Duration.ofMillis(request.latencyMs()),
                request.usagePercent(), Boolean.TRUE.equals(request.afterSuccess())));
    }

    @PostMapping("/container-outcomes")
    @ResponseStatus(HttpStatus.CREATED)
    void containerOutcome(@Valid @RequestBody ContainerOutcomeRequest request) {
        publishing.armContainerOutcome(request.status(), request.times() == null ? 1 : request.times());
    }

    @DeleteMapping("/faults")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clearFaults() {
        faults.clear();
    }

    @PutMapping("/usage")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void usage(@Valid @RequestBody UsageRequest request) {
        faults.baselineUsage(request.percent());
    }

    @PostMapping("/users/{userId}/password-change")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void passwordChange(@PathVariable String userId) {
        sandbox.changePassword(userId);
    }

    @PostMapping("/users/{userId}/permissions/{permission}/revoke")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void revokePermission(@PathVariable String userId, @PathVariable String permission) {
        sandbox.revokePermission(userId, permission);
    }

    /**
     * The user removes the app in their Facebook settings: Meta posts the deauthorize callback to the app. Answers
     * what the app answered.
     */
    @PostMapping("/users/{userId}/deauthorize")
    SandboxCallbacks.Delivery deauthorize(@PathVariable String userId,
            @RequestBody(required = false) CallbackRequest request) {
        return sendCallback(SandboxCallbacks.Kind.DEAUTHORIZE, userId, request);
    }

    /**
     * The user asks Facebook to delete their data in the app: Meta posts the data deletion callback. Answers what
     * the app answered and whether Meta would accept it (a {@code url} and a {@code confirmation_code}).
     */
    @PostMapping("/users/{userId}/data-deletion")
    SandboxCallbacks.Delivery dataDeletion(@PathVariable String userId,
            @RequestBody(required = false) CallbackRequest request) {
        return sendCallback(SandboxCallbacks.Kind.DATA_DELETION, userId, request);
    }

    private SandboxCallbacks.Delivery sendCallback(SandboxCallbacks.Kind kind, String userId, CallbackRequest request) {
        return callbacks.send(kind, userId, request == null ? null : request.signingSecret(),
                request == null ? null : request.algorithm());
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> issueToken(@Valid @RequestBody TokenRequest request) {
        String appId = request.appId() == null ? sandbox.primaryAppId() : request.appId();
        MetaSandbox.Token token = sandbox.issueDirectly(appId, request.userId(),
                request.expiresInSeconds() == null ? Duration.ofHours(2) : Duration.ofSeconds(request.expiresInSeconds()),
                Set.copyOf(request.scopes() == null ? List.of("pages_show_list", "pages_read_engagement",
                        "pages_manage_posts", "instagram_basic", "instagram_content_publish") : request.scopes()));
        return Map.of("access_token", token.value(), "expires_in",
                token.expiresAt().getEpochSecond() - sandbox.now().getEpochSecond());
    }

    @ExceptionHandler(SandboxGraphException.class)
    ResponseEntity<ProblemDetail> unknown(SandboxGraphException e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).body(Problems.problem(HttpStatus.NOT_FOUND, e.getMessage()));
    }

    private static String defaultMessage(Integer code) {
        if (code == null) {
            return null;
        }
        return switch (code) {
            case 1 -> "An unknown error has occurred.";
            case 2 -> "An unexpected error has occurred. Please retry your request later.";
            case 4 -> "(#4) Application request limit reached";
            case 17 -> "(#17) User request limit reached";
            case 32 -> "(#32) Page request limit reached";
            case 190 -> "Error validating access token: Session has expired.";
            case 200 -> "(#200) Permissions error";
            default -> "(#" + code + ") Sandbox fault";
        };
    }
}
