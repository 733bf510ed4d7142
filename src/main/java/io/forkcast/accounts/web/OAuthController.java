package io.forkcast.accounts.web;

import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.forkcast.shared.Platform;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.accounts.GoogleConnect;
import io.forkcast.accounts.OAuthConnect;
import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.TenantId;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

@Tag(name = "Connect", description = "Connecting a tenant's Facebook Pages and Instagram accounts through Facebook's "
        + "OAuth dialog, and its Google Business Profile locations through Google's consent screen.")
@RestController
@RequestMapping("/api/v1/oauth")
class OAuthController {

    record AuthorizationResponse(URI authorizationUrl, Instant expiresAt) {
    }

    record CallbackResponse(UUID tenantId, String status, String message, List<ConnectedAccount> accounts,
            List<String> pagesWithoutInstagram) {
    }

    private final OAuthConnect connect;
    private final GoogleConnect google;
    private final CurrentTenant currentTenant;

    OAuthController(OAuthConnect connect, GoogleConnect google, CurrentTenant currentTenant) {
        this.connect = connect;
        this.google = google;
        this.currentTenant = currentTenant;
    }

    /**
     * A connect link for a tenant: open {@code authorization_url} in the owner's browser. A tenant's key may ask
     * for its own tenant only; the operator for any.
     */
    @GetMapping("/facebook/authorize")
    ResponseEntity<AuthorizationResponse> authorize(@RequestParam(name = "tenant_id") UUID tenantId) {
        return authorization(connect.authorize(ownTenant(tenantId)));
    }

    /**
     * A Google consent link for a tenant (authorization code with PKCE and offline access): open
     * {@code authorization_url} in the owner's browser; every Business Profile location the Google account manages
     * is connected. A tenant's key may ask for its own tenant only; the operator for any.
     */
    @GetMapping("/google/authorize")
    ResponseEntity<AuthorizationResponse> authorizeGoogle(@RequestParam(name = "tenant_id") UUID tenantId) {
        return authorization(google.authorize(ownTenant(tenantId)));
    }

    private TenantId ownTenant(UUID tenantId) {
        TenantId tenant = new TenantId(tenantId);
        if (!currentTenant.isPlatform() && !currentTenant.tenantId().map(tenant::equals).orElse(false)) {
            throw DomainException.forbidden("This API key belongs to another tenant: it can only connect accounts "
                    + "of its own tenant.");
        }
        return tenant;
    }

    private static ResponseEntity<AuthorizationResponse> authorization(OAuthConnect.Authorization authorization) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new AuthorizationResponse(authorization.authorizationUrl(), authorization.expiresAt()));
    }

    /**
     * Where Facebook sends the owner's browser back. No API key: the state authenticates the request. A browser
     * gets a small HTML page; any other client JSON (a problem on failure).
     */
    @ApiResponse(responseCode = "200", description = "Connected: JSON, or a small HTML page for a browser",
            content = {@Content(mediaType = "application/json",
                    schema = @Schema(implementation = CallbackResponse.class)),
                    @Content(mediaType = "text/html", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "Consent denied, or the state is unknown, expired or used.")
    @ApiResponse(responseCode = "502", description = "Facebook could not be reached or refused the code.")
    @GetMapping("/facebook/callback")
    ResponseEntity<?> callback(@RequestParam(required = false) String code,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String error,
            @RequestParam(name = "error_reason", required = false) String errorReason,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return answer(connect.complete(code, state, error, errorReason), accept);
    }

    /**
     * Where Google sends the owner's browser back. No API key: the state authenticates the request. A browser
     * gets a small HTML page; any other client JSON (a problem on failure).
     */
    @ApiResponse(responseCode = "200", description = "Connected: JSON, or a small HTML page for a browser",
            content = {@Content(mediaType = "application/json",
                    schema = @Schema(implementation = CallbackResponse.class)),
                    @Content(mediaType = "text/html", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "Consent denied, or the state is unknown, expired or used.")
    @ApiResponse(responseCode = "502", description = "Google could not be reached.")
    @GetMapping("/google/callback")
    ResponseEntity<?> googleCallback(@RequestParam(required = false) String code,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String error,
            @Parameter(hidden = true) @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
        return answer(google.complete(code, state, error), accept);
    }

    private ResponseEntity<?> answer(OAuthConnect.Outcome outcome, String accept) {
        if (prefersHtml(accept)) {
            return ResponseEntity.status(status(outcome)).contentType(MediaType.TEXT_HTML)
                    .cacheControl(CacheControl.noStore()).body(html(outcome));
        }
        if (!outcome.connected()) {
            throw new DomainException(status(outcome), outcome.message());
        }
        return ResponseEntity.ok().cacheControl(CacheControl.noStore())
                .body(new CallbackResponse(outcome.tenantId().value(), "connected", outcome.message(),
                        outcome.accounts(), outcome.pagesWithoutInstagram()));
    }

    /**
     * A browser ranks {@code text/html} first; a client that reads both (as one generated from the API document
     * does) and lists {@code application/json} first gets JSON.
     */
    static boolean prefersHtml(String accept) {
        if (accept == null) {
            return false;
        }
        try {
            List<MediaType> types = new ArrayList<>(MediaType.parseMediaTypes(accept));
            types.sort(Comparator.comparingDouble(MediaType::getQualityValue).reversed());
            for (MediaType type : types) {
                if (type.equalsTypeAndSubtype(MediaType.TEXT_HTML)) {
                    return true;
                }
                if (type.equalsTypeAndSubtype(MediaType.APPLICATION_JSON)) {
                    return false;
                }
            }
        } catch (InvalidMediaTypeException unreadable) {
            // Answered as to any client that does not ask for HTML.
        }
        return false;
    }

    private static HttpStatus status(OAuthConnect.Outcome outcome) {
        return switch (outcome.result()) {
            case CONNECTED -> HttpStatus.OK;
            case REFUSED -> HttpStatus.BAD_REQUEST;
            case NETWORK_UNAVAILABLE -> HttpStatus.BAD_GATEWAY;
        };
    }

    private static String html(OAuthConnect.Outcome outcome) {
        StringBuilder body = new StringBuilder();
        body.append("<p>").append(htmlEscape(outcome.message())).append("</p>");
        if (outcome.tenantId() != null) {
            body.append("<p>Restaurant (tenant): <code>").append(htmlEscape(outcome.tenantId().toString()))
                    .append("</code></p>");
        }
        if (!outcome.accounts().isEmpty()) {
            body.append("<ul>");
            for (ConnectedAccount account : outcome.accounts()) {
                body.append("<li>").append(htmlEscape(account.platform().accountName(
                                account.username() == null ? account.platformUserId() : account.username())))
                        .append(": ").append(htmlEscape(account.status().wireName())).append("</li>");
            }
            body.append("</ul>");
        }
        for (String page : outcome.pagesWithoutInstagram()) {
            body.append("<p>The Page ").append(htmlEscape(page)).append(" has no Instagram professional account "
                    + "linked; link one in the Page's settings on Facebook, then connect again to add it.</p>");
        }
        if (outcome.connected()) {
            body.append("<p>You can close this page.</p>");
        }
        return "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + htmlEscape(outcome.title())
                + " | Forkcast</title></head><body><h1>" + htmlEscape(outcome.title()) + "</h1>" + body
                + "</body></html>";
    }
}
