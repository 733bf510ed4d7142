package io.forkcast.sandbox.google;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.PastOrPresent;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Test controls of the Google sandbox ({@code /sandbox/google/admin}): reset, faults, the quota, the Google user
 * removing Forkcast's access, access tokens expiring, posts Google rejects, and what Google holds. Unprotected: it
 * exists only where the sandbox is on, never in production.
 */
@RestController
@RequestMapping("/sandbox/google/admin")
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class GoogleSandboxAdminController {

    record FaultRequest(@NotBlank String operation, @Min(400) @Max(599) int httpStatus, @Min(1) Integer times,
            @Min(0) Long latencyMs, Boolean afterSuccess) {
    }

    record QuotaRequest(@Min(1) int requestsPerMinute) {
    }

    record RejectRequest(@Min(1) int times) {
    }

    /**
     * A guest's review of a location: {@code location} is {@code accounts/{a}/locations/{l}}; {@code leftAt} is when
     * the guest wrote it (now when absent; never in the future).
     */
    record SeedReviewRequest(@NotBlank String location, @Min(1) @Max(5) int stars, String comment, String reviewer,
            String reply, @PastOrPresent Instant leftAt) {
    }

    private final GoogleSandbox sandbox;
    private final GoogleListingSandbox listing;
    private final GoogleSandboxFaults faults;

    GoogleSandboxAdminController(GoogleSandbox sandbox, GoogleListingSandbox listing, GoogleSandboxFaults faults) {
        this.sandbox = sandbox;
        this.listing = listing;
        this.faults = faults;
    }

    @PostMapping("/reset")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void reset() {
        sandbox.reset();
        listing.reset();
        faults.clear();
    }

    @PostMapping("/faults")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void fault(@Valid @RequestBody FaultRequest request) {
        faults.add(request.operation(), new GoogleSandboxFaults.Fault(request.httpStatus(),
                request.times() == null ? 1 : request.times(), request.latencyMs() == null ? 0 : request.latencyMs(),
                Boolean.TRUE.equals(request.afterSuccess())));
    }

    @DeleteMapping("/faults")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void clearFaults() {
        faults.clear();
    }

    @PutMapping("/quota")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void quota(@Valid @RequestBody QuotaRequest request) {
        sandbox.setQuota(request.requestsPerMinute());
    }

    /** The Google user removes Forkcast from their account's third-party access: every grant ends. */
    @PostMapping("/grants/revoke")
    Map<String, Integer> revokeGrants() {
        return Map.of("revoked", sandbox.revokeAllGrants());
    }

    @GetMapping("/grants")
    Map<String, Integer> grants() {
        return Map.of("active", sandbox.activeGrants());
    }

    /** Every access token issued so far expires now; refresh tokens still work. */
    @PostMapping("/tokens/expire")
    Map<String, Integer> expireTokens() {
        return Map.of("expired", sandbox.expireAccessTokens());
    }

    /** The next {@code times} posts end {@code REJECTED} instead of {@code LIVE} once processed. */
    @PostMapping("/posts/reject-next")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void rejectNext(@Valid @RequestBody RejectRequest request) {
        sandbox.rejectNext(request.times());
    }

    /** Every location's posts, as Google holds them. */
    @GetMapping("/posts")
    Map<String, List<Map<String, Object>>> posts() {
        return sandbox.allPosts();
    }

    /** A guest leaves a review (optionally already answered, as if the owner had replied at Google). */
    @PostMapping("/reviews")
    @ResponseStatus(HttpStatus.CREATED)
    Map<String, Object> seedReview(@Valid @RequestBody SeedReviewRequest request) {
        boolean known = sandbox.user().accounts().stream().anyMatch(account -> account.locations().stream()
                .anyMatch(location -> (account.name() + "/" + location.name()).equals(request.location())));
        if (!known) {
            throw GoogleApiException.notFound("No such location in the sandbox: " + request.location());
        }
        return listing.addReview(request.location(), request.reviewer(), request.stars(), request.comment(),
                request.reply(), request.leftAt());
    }

    /** Every location's reviews and replies, as Google holds them. */
    @GetMapping("/reviews")
    Map<String, List<Map<String, Object>>> reviews() {
        return listing.allReviews();
    }

    /** Every location's food menu as last written, and how many writes there were. */
    @GetMapping("/food-menus")
    Map<String, Object> foodMenus() {
        return listing.allFoodMenus();
    }
}
