package io.forkcast.accounts.web;

import io.forkcast.accounts.MetaUserRequests;
import io.forkcast.meta.SignedRequests;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.PublicUrls;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

/**
 * Meta's callbacks about one of its users (deauthorize, data deletion), and the public status page of a deletion.
 * No API key: the {@code signed_request}, signed with the app secret, authenticates the callbacks; the status page
 * shows nothing personal, only counts and times under an unguessable code. Neither the request nor the user id is
 * ever logged.
 */
@Tag(name = "Meta callbacks", description = "What Meta calls when a person removes the app or asks for their data "
        + "to be deleted (set in the Meta app's settings), and the deletion status page Meta links to.")
@RestController
@RequestMapping("/api/v1/meta")
class MetaCallbackController {

    static final String DEAUTHORIZE = "/api/v1/meta/deauthorize";
    static final String DATA_DELETION = "/api/v1/meta/data-deletion";

    /** Meta's answer to a data deletion request: where the person can follow it, and the code to quote. */
    record DeletionAnswer(URI url, String confirmationCode) {
    }

    record DeletionStatusResponse(String confirmationCode, String status, Instant requestedAt, Instant completedAt,
            int accountsCleared, int tokensDeleted, int historyDeleted, String message) {
    }

    private static final Logger log = LoggerFactory.getLogger(MetaCallbackController.class);

    private final SignedRequests signedRequests;
    private final MetaUserRequests requests;
    private final PublicUrls urls;
    // One bucket per instance for all three routes: Meta calls from many addresses, so a per-address limit would
    // not hold back a flood, and the legitimate rate is a few calls a minute.
    private final Bucket bucket;

    MetaCallbackController(SignedRequests signedRequests, MetaUserRequests requests, PublicUrls urls,
            MetaCallbackLimit limit) {
        this.signedRequests = signedRequests;
        this.requests = requests;
        this.urls = urls;
        this.bucket = Bucket.builder().addLimit(Bandwidth.builder().capacity(limit.perMinute())
                .refillGreedy(limit.perMinute(), Duration.ofMinutes(1)).build()).build();
    }

    /**
     * Meta's deauthorize callback (the app's "Deauthorize callback URL"): the person removed the app. Every
     * account connected with their consent, in every tenant, needs reconnecting; its tokens are deleted and its
     * scheduled deliveries held.
     */
    @ApiResponse(responseCode = "200", description = "Done (also when nothing was connected with that person).")
    @ApiResponse(responseCode = "400", description = "The signed_request is missing, malformed, of another "
            + "algorithm or not signed with the app secret.")
    @ApiResponse(responseCode = "429", description = "Too many callbacks this minute.")
    @PostMapping(path = "/deauthorize", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<Void> deauthorize(@RequestParam(name = "signed_request", required = false) String signedRequest) {
        SignedRequests.MetaUser user = verify("deauthorize", signedRequest);
        requests.deauthorize(user.userId());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).build();
    }

    /**
     * Meta's data deletion callback (the app's "Data deletion request URL"): deletes what Forkcast holds for the
     * person and answers where to follow it and a confirmation code. A repeated request answers the same code.
     */
    @ApiResponse(responseCode = "200", description = "Deleted: the status page's address and the confirmation code, "
            + "as Meta expects them.", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = DeletionAnswer.class)))
    @ApiResponse(responseCode = "400", description = "The signed_request is missing, malformed, of another "
            + "algorithm or not signed with the app secret.")
    @ApiResponse(responseCode = "429", description = "Too many callbacks this minute.")
    @PostMapping(path = "/data-deletion", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    ResponseEntity<DeletionAnswer> dataDeletion(
            @RequestParam(name = "signed_request", required = false) String signedRequest) {
        SignedRequests.MetaUser user = verify("data deletion", signedRequest);
        MetaUserRequests.DeletionStatus status = requests.deleteData(user.userId());
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new DeletionAnswer(statusUrl(status.confirmationCode()), status.confirmationCode()));
    }

    /**
     * The status of a data deletion request, by the confirmation code Meta showed the person: a small page for a
     * browser, JSON for any other client.
     */
    @ApiResponse(responseCode = "200", description = "What was deleted and when: JSON, or a page for a browser",
            content = {@Content(mediaType = "application/json",
                    schema = @Schema(implementation = DeletionStatusResponse.class)),
                    @Content(mediaType = "text/html", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "404", description = "No deletion request has this confirmation code.")
    @ApiResponse(responseCode = "429", description = "Too many requests this minute.")
    @GetMapping("/data-deletion/{confirmationCode}")
    ResponseEntity<?> deletionStatus(@PathVariable String confirmationCode,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        throttle();
        MetaUserRequests.DeletionStatus status = requests.deletionStatus(confirmationCode.toUpperCase(Locale.ROOT))
                .orElseThrow(() -> DomainException.notFound("Data deletion request"));
        String message = "Forkcast deleted the Facebook login tokens, the account names and details and the token "
                + "history it held for you (" + status.accountsCleared() + " accounts, " + status.tokensDeleted()
                + " tokens). Posts the restaurants published stay on their Pages.";
        DeletionStatusResponse body = new DeletionStatusResponse(status.confirmationCode(), "completed",
                status.requestedAt(), status.completedAt(), status.accountsCleared(), status.tokensDeleted(),
                status.historyDeleted(), message);
        if (OAuthController.prefersHtml(accept)) {
            return ResponseEntity.ok().contentType(MediaType.TEXT_HTML).cacheControl(CacheControl.noStore())
                    .body(html(body));
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(body);
    }

    /** The two addresses to enter in the Meta app's settings, once the public address (and port) is known. */
    @EventListener(ApplicationReadyEvent.class)
    void tellTheCallbackAddresses() {
        log.info("Meta app settings (Facebook Login > Settings): Deauthorize callback URL {}, Data Deletion Request "
                + "URL {}", urls.resolve(DEAUTHORIZE), urls.resolve(DATA_DELETION));
    }

    private SignedRequests.MetaUser verify(String callback, String signedRequest) {
        throttle();
        try {
            return signedRequests.verify(signedRequest);
        } catch (SignedRequests.InvalidSignedRequest e) {
            log.warn("Refused a Meta {} callback: {}", callback, e.reason());
            throw e;
        }
    }

    private void throttle() {
        if (!bucket.tryConsume(1)) {
            throw new DomainException(HttpStatus.TOO_MANY_REQUESTS,
                    "Too many Meta callbacks this minute; Meta retries later.");
        }
    }

    private URI statusUrl(String code) {
        return urls.resolve(DATA_DELETION + "/" + code);
    }

    private static String html(DeletionStatusResponse status) {
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Data deletion " + htmlEscape(status.confirmationCode()) + " | Forkcast</title></head><body>"
                + "<h1>Your data deletion request</h1>"
                + "<p>Confirmation code: <code>" + htmlEscape(status.confirmationCode()) + "</code></p>"
                + "<p>Status: completed on " + htmlEscape(status.completedAt().toString()) + " (asked on "
                + htmlEscape(status.requestedAt().toString()) + ").</p>"
                + "<p>" + htmlEscape(status.message()) + "</p></body></html>";
    }
}
