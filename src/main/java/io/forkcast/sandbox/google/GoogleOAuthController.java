package io.forkcast.sandbox.google;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

/**
 * Google's OAuth 2.0 as the sandbox plays it: the consent screen ({@code accounts.google.com/o/oauth2/v2/auth}),
 * the token endpoint ({@code oauth2.googleapis.com/token}: authorization code with PKCE, refresh) and revocation
 * ({@code oauth2.googleapis.com/revoke}), with Google's parameters, redirects and error bodies.
 */
@RestController
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class GoogleOAuthController {

    private final GoogleSandbox sandbox;
    private final GoogleSandboxFaults faults;

    GoogleOAuthController(GoogleSandbox sandbox, GoogleSandboxFaults faults) {
        this.sandbox = sandbox;
        this.faults = faults;
    }

    @GetMapping(path = "/sandbox/google/accounts/o/oauth2/v2/auth", produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> consent(HttpServletRequest request,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "redirect_uri", required = false) String redirectUri,
            @RequestParam(name = "response_type", required = false) String responseType,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String state,
            @RequestParam(name = "code_challenge", required = false) String challenge,
            @RequestParam(name = "code_challenge_method", required = false) String challengeMethod,
            @RequestParam(name = "access_type", required = false) String accessType) {
        if (!sandbox.knownClient(clientId)) {
            return page(HttpStatus.UNAUTHORIZED, "Access blocked: Authorization Error",
                    "<p>The OAuth client was not found.</p><p>Error 401: invalid_client</p>");
        }
        if (redirectUri == null || !GoogleSandbox.absoluteHttp(redirectUri)) {
            return page(HttpStatus.BAD_REQUEST, "Access blocked: This app's request is invalid",
                    "<p>Error 400: redirect_uri_mismatch</p>");
        }
        if (!"code".equals(responseType) || scope == null || scope.isBlank()
                || (challengeMethod != null && !List.of("S256", "plain").contains(challengeMethod))) {
            return page(HttpStatus.BAD_REQUEST, "Access blocked: Authorization Error",
                    "<p>Error 400: invalid_request</p><p>Required parameter is missing or invalid: response_type, "
                            + "scope or code_challenge_method.</p>");
        }
        GoogleSandbox.User user = sandbox.user();
        StringBuilder locations = new StringBuilder();
        user.accounts().forEach(account -> account.locations().forEach(location -> locations.append("<li>")
                .append(htmlEscape(location.title())).append(" <small>(").append(htmlEscape(location.addressLine()))
                .append(", ").append(htmlEscape(location.locality())).append(")</small></li>")));
        String body = "<p>Signed in as " + htmlEscape(user.email()) + " (sandbox user).</p>"
                + "<p><strong>Forkcast</strong> wants to access your Google Account: see, edit, create and delete "
                + "your Google business listings.</p><ul>" + locations + "</ul>"
                + ("offline".equals(accessType) ? "<p>Forkcast will keep this access while you are away.</p>" : "")
                + "<form method=\"post\" action=\"" + htmlEscape(request.getRequestURI()) + "\">"
                + hidden("client_id", clientId) + hidden("redirect_uri", redirectUri)
                + hidden("state", state == null ? "" : state) + hidden("scope", scope)
                + hidden("code_challenge", challenge == null ? "" : challenge)
                + hidden("code_challenge_method", challengeMethod == null ? "" : challengeMethod)
                + "<button type=\"submit\" name=\"decision\" value=\"approve\">Continue</button> "
                + "<button type=\"submit\" name=\"decision\" value=\"deny\">Cancel</button></form>";
        return page(HttpStatus.OK, "Sign in with Google (sandbox)", body);
    }

    @PostMapping(path = "/sandbox/google/accounts/o/oauth2/v2/auth",
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> decide(@RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "redirect_uri", required = false) String redirectUri,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String scope,
            @RequestParam(name = "code_challenge", required = false) String challenge,
            @RequestParam(name = "code_challenge_method", required = false) String challengeMethod,
            @RequestParam(required = false) String decision) {
        if (!sandbox.knownClient(clientId) || redirectUri == null || !GoogleSandbox.absoluteHttp(redirectUri)) {
            return page(HttpStatus.BAD_REQUEST, "Access blocked", "<p>Error 400: invalid_request</p>");
        }
        UriComponentsBuilder back = UriComponentsBuilder.fromUriString(redirectUri);
        if (!"approve".equals(decision)) {
            back.queryParam("error", "access_denied");
        } else {
            String method = challenge == null || challenge.isEmpty() ? null
                    : challengeMethod == null || challengeMethod.isEmpty() ? "plain" : challengeMethod;
            String code = sandbox.issueCode(redirectUri, method == null ? null : challenge, method,
                    Arrays.asList((scope == null ? "" : scope).split(" ")));
            back.queryParam("code", code).queryParam("scope", scope);
        }
        if (state != null && !state.isEmpty()) {
            back.queryParam("state", state);
        }
        URI location = back.encode().build().toUri();
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location.toString()).build();
    }

    /** The token endpoint: client authentication by form fields or HTTP Basic, as Google accepts both. */
    @PostMapping(path = "/sandbox/google/oauth2/token", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> token(@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
            @RequestParam(name = "grant_type", required = false) String grantType,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "client_secret", required = false) String clientSecret,
            @RequestParam(required = false) String code,
            @RequestParam(name = "redirect_uri", required = false) String redirectUri,
            @RequestParam(name = "code_verifier", required = false) String verifier,
            @RequestParam(name = "refresh_token", required = false) String refreshToken) {
        faults.before("oauth/token");
        String[] basic = basic(authorization);
        if (basic != null) {
            clientId = basic[0];
            clientSecret = basic[1];
        }
        if (!sandbox.clientAuthenticates(clientId, clientSecret)) {
            throw GoogleApiException.oauth(401, "invalid_client", "Unauthorized");
        }
        GoogleSandbox.Issued issued = switch (grantType == null ? "" : grantType) {
            case "authorization_code" -> sandbox.exchangeCode(code, redirectUri, verifier);
            case "refresh_token" -> sandbox.refresh(refreshToken);
            case "" -> throw GoogleApiException.oauth(400, "invalid_request", "Missing required parameter: grant_type");
            default -> throw GoogleApiException.oauth(400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
        };
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("access_token", issued.accessToken());
        body.put("expires_in", issued.expiresIn());
        if (issued.refreshToken() != null) {
            body.put("refresh_token", issued.refreshToken());
        }
        body.put("scope", String.join(" ", issued.scopes()));
        body.put("token_type", "Bearer");
        return body;
    }

    /** Revokes a token (and with it the whole grant); Google answers 200 {@code {}} or 400 {@code invalid_token}. */
    @PostMapping(path = "/sandbox/google/oauth2/revoke", produces = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> revoke(@RequestParam(required = false) String token) {
        if (token == null || !sandbox.revoke(token)) {
            throw GoogleApiException.oauth(400, "invalid_token", "Token expired or revoked");
        }
        return Map.of();
    }

    private static String[] basic(String authorization) {
        if (authorization == null || !authorization.startsWith("Basic ")) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + htmlEscape(value) + "\">";
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body("<!DOCTYPE html><html lang=\"en\">"
                + "<head><meta charset=\"utf-8\"><title>" + htmlEscape(title) + "</title></head><body><h1>"
                + htmlEscape(title) + "</h1>" + body + "</body></html>");
    }
}
