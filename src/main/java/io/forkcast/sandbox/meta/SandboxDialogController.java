package io.forkcast.sandbox.meta;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.springframework.web.util.HtmlUtils.htmlEscape;

/**
 * The OAuth dialog ({@code /sandbox/www/{version}/dialog/oauth}): a consent page where the sandbox user picks
 * the Pages to grant and approves (redirect with {@code code} and {@code state}) or cancels (redirect with
 * {@code error=access_denied&error_reason=user_denied&error_description=...&state=}), as Facebook does.
 */
@RestController
@RequestMapping("/sandbox/www/{version}/dialog/oauth")
@ConditionalOnBooleanProperty(name = "forkcast.sandbox.enabled", matchIfMissing = true)
class SandboxDialogController {

    private final MetaSandbox sandbox;

    SandboxDialogController(MetaSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @GetMapping(produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> dialog(HttpServletRequest request,
            @RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "redirect_uri", required = false) String redirectUri,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String scope) {
        MetaSandbox.App app = sandbox.app(clientId).orElse(null);
        if (app == null) {
            return page(HttpStatus.BAD_REQUEST, "Invalid App ID", "<p>The app id in this link is not valid.</p>");
        }
        if (redirectUri == null || !isAbsoluteHttp(redirectUri)) {
            return page(HttpStatus.BAD_REQUEST, "URL blocked", "<p>This redirect failed because the redirect URI is "
                    + "missing or not an absolute URL.</p>");
        }
        MetaSandbox.User user = sandbox.sandboxUser();
        StringBuilder pages = new StringBuilder();
        for (MetaSandbox.Page page : user.pages()) {
            pages.append("<li><label><input type=\"checkbox\" name=\"page\" value=\"").append(htmlEscape(page.id()))
                    .append("\" checked> ").append(htmlEscape(page.name())).append(" <small>(")
                    .append(htmlEscape(page.category())).append(page.instagramId() == null
                            ? ", no Instagram account linked"
                            : ", Instagram @" + htmlEscape(page.instagramUsername()))
                    .append(")</small></label></li>");
        }
        String body = "<p><strong>" + htmlEscape(app.name()) + "</strong> would like to manage your Pages and "
                + "Instagram accounts.</p><p>Logged in as " + htmlEscape(user.name()) + " (sandbox user).</p>"
                + "<form method=\"post\" action=\"" + htmlEscape(request.getRequestURI()) + "\">"
                + hidden("client_id", clientId) + hidden("redirect_uri", redirectUri)
                + hidden("state", state == null ? "" : state) + hidden("scope", scope == null ? "" : scope)
                + "<p>Permissions: " + htmlEscape(scope == null ? "" : scope) + "</p>"
                + "<p>Choose the Pages " + htmlEscape(app.name()) + " may use:</p><ul>" + pages + "</ul>"
                + "<button type=\"submit\" name=\"decision\" value=\"approve\">Continue</button> "
                + "<button type=\"submit\" name=\"decision\" value=\"deny\">Cancel</button></form>";
        return page(HttpStatus.OK, "Log in with Facebook (sandbox)", body);
    }

    @PostMapping(consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.TEXT_HTML_VALUE)
    ResponseEntity<String> decide(@RequestParam(name = "client_id", required = false) String clientId,
            @RequestParam(name = "redirect_uri", required = false) String redirectUri,
            @RequestParam(required = false) String state,
            @RequestParam(required = false) String scope,
            @RequestParam(required = false) String decision,
            @RequestParam(name = "page", required = false) List<String> pageIds) {
        if (sandbox.app(clientId).isEmpty() || redirectUri == null || !isAbsoluteHttp(redirectUri)) {
            return page(HttpStatus.BAD_REQUEST, "Invalid request", "<p>The dialog was submitted without a valid "
                    + "app or redirect URI.</p>");
        }
        Map<String, String> params = new LinkedHashMap<>();
        if ("approve".equals(decision)) {
            Set<String> scopes = new LinkedHashSet<>();
            if (scope != null) {
                Arrays.stream(scope.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(scopes::add);
            }
            Set<String> owned = new LinkedHashSet<>();
            sandbox.sandboxUser().pages().forEach(page -> owned.add(page.id()));
            Set<String> granted = new LinkedHashSet<>(pageIds == null ? List.of() : pageIds);
            granted.retainAll(owned);
            params.put("code", sandbox.issueCode(clientId, redirectUri, MetaSandbox.USER_ID, scopes, granted));
        } else {
            params.put("error", "access_denied");
            params.put("error_code", "200");
            params.put("error_description", "Permissions error.");
            params.put("error_reason", "user_denied");
        }
        if (state != null && !state.isEmpty()) {
            params.put("state", state);
        }
        UriComponentsBuilder target = UriComponentsBuilder.fromUriString(redirectUri);
        Map<String, String> values = new LinkedHashMap<>();
        params.forEach((name, value) -> {
            target.queryParam(name, "{" + name + "}");
            values.put(name, value);
        });
        URI location = target.encode().buildAndExpand(values).toUri();
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, location.toString()).build();
    }

    private static boolean isAbsoluteHttp(String uri) {
        try {
            URI parsed = URI.create(uri);
            return parsed.isAbsolute() && ("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + htmlEscape(value) + "\">";
    }

    private static ResponseEntity<String> page(HttpStatus status, String title, String body) {
        String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + htmlEscape(title)
                + "</title></head><body><h1>" + htmlEscape(title) + "</h1>" + body
                + "<p><small>Forkcast sandbox: a local stand-in for Facebook. Nothing here reaches Meta.</small></p>"
                + "</body></html>";
        return ResponseEntity.status(status).contentType(MediaType.TEXT_HTML).body(html);
    }
}
