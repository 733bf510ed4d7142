package io.forkcast.posts;

import io.forkcast.accounts.AccessTokens;
import io.forkcast.accounts.AccountStatus;
import io.forkcast.accounts.Accounts;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.captions.RestaurantPlace;
import io.forkcast.captions.RestaurantProfiles;
import io.forkcast.meta.GraphClient;
import io.forkcast.meta.GraphError;
import io.forkcast.shared.CursorPage;
import io.forkcast.shared.DomainException;
import io.forkcast.shared.InvalidFieldException;
import io.forkcast.shared.PageRequest;
import io.forkcast.shared.Platform;
import io.forkcast.tenancy.TenantId;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The restaurant's place, the Page with a location its posts are tagged at: the owner pastes the Page's link (or
 * id), Facebook is asked whether that Page has a location (with the access of one of the tenant's connected
 * Pages), and the profile keeps it. Meta's Page search needs a feature an app must be approved for, so the owner
 * pastes a link instead of searching.
 */
@Service
public class Places {

    /** A Page id, or a Page's user name (letters, digits, dots): nothing else reaches Graph's path. */
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9.]{1,100}");
    /** Older Pages' links end in their id: {@code facebook.com/Trattoria-Sandbox-200000000000001}. */
    private static final Pattern TRAILING_ID = Pattern.compile(".*-(\\d{5,})");

    private final RestaurantProfiles profiles;
    private final Accounts accounts;
    private final AccessTokens tokens;
    private final GraphClient graph;

    Places(RestaurantProfiles profiles, Accounts accounts, AccessTokens tokens, GraphClient graph) {
        this.profiles = profiles;
        this.accounts = accounts;
        this.tokens = tokens;
        this.graph = graph;
    }

    public Optional<RestaurantPlace> get(TenantId tenantId) {
        return profiles.place(tenantId);
    }

    /**
     * Sets the restaurant's place from a Facebook Page link or id, once Facebook confirms the Page has a location.
     * Refused (400 on {@code page}) for a link that names no Page, a Page Facebook does not know or one without a
     * location; 409 while no Facebook Page is connected to ask with.
     */
    public RestaurantPlace set(TenantId tenantId, String pageOrLink) {
        String node = node(pageOrLink);
        ConnectedAccount page = facebookPage(tenantId);
        String token = tokens.forPublishing(tenantId, page.id()).accessToken();
        GraphClient.Place place;
        try {
            place = graph.place(node, token).orElseThrow(() -> new InvalidFieldException("page",
                    "That Facebook Page has no address, so Instagram and Facebook cannot tag it as a place. Add the "
                            + "address on the Page (or choose the Page that has it) and paste its link again."));
        } catch (GraphError e) {
            if (e.kind() == GraphError.Kind.TRANSIENT || e.kind() == GraphError.Kind.RATE_LIMITED) {
                throw new DomainException(HttpStatus.SERVICE_UNAVAILABLE, "Facebook did not answer; try again in "
                        + "a minute.");
            }
            throw new InvalidFieldException("page", "Facebook knows no Page " + node + " that Forkcast may read. "
                    + "Paste the link of the Page as facebook.com shows it, or its id (the Page's About, Page "
                    + "transparency).");
        }
        String address = java.util.stream.Stream.of(place.street(), place.city(), place.country())
                .filter(part -> part != null && !part.isBlank()).collect(Collectors.joining(", "));
        return profiles.place(tenantId, new RestaurantPlace(place.pageId(), place.name(), address.isEmpty() ? null
                : address)).orElseThrow();
    }

    /** Removes the restaurant's place: later posts are not tagged (those created already keep theirs). */
    public void remove(TenantId tenantId) {
        profiles.place(tenantId, null);
    }

    /** The Page id (or user name) a pasted link or id names. */
    static String node(String pageOrLink) {
        String text = pageOrLink == null ? "" : pageOrLink.strip();
        if (text.isEmpty()) {
            throw new InvalidFieldException("page", "Paste the link of the restaurant's Facebook Page, or its id.");
        }
        if (NODE.matcher(text).matches() && !text.contains(".")) {
            return text;
        }
        URI uri;
        try {
            uri = URI.create(text.contains("://") ? text : "https://" + text);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("page", "That is not a link to a Facebook Page.");
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase();
        if (!(host.equals("facebook.com") || host.endsWith(".facebook.com") || host.equals("fb.com"))) {
            throw new InvalidFieldException("page", "That is not a link to a Facebook Page: it should start with "
                    + "https://www.facebook.com/.");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceAll("^/+|/+$", "");
        if (path.equals("profile.php") && uri.getQuery() != null) {
            Matcher id = Pattern.compile("(?:^|&)id=(\\d+)").matcher(uri.getQuery());
            if (id.find()) {
                return id.group(1);
            }
        }
        String first = path.contains("/") ? path.substring(0, path.indexOf('/')) : path;
        if (first.equals("pages") && path.split("/").length >= 3) {
            first = path.split("/")[2];
        }
        Matcher trailing = TRAILING_ID.matcher(first);
        if (trailing.matches()) {
            return trailing.group(1);
        }
        if (!NODE.matcher(first).matches()) {
            throw new InvalidFieldException("page", "That link names no Facebook Page.");
        }
        return first;
    }

    private ConnectedAccount facebookPage(TenantId tenantId) {
        CursorPage<ConnectedAccount> page = accounts.list(tenantId, new PageRequest(CursorPage.MAX_LIMIT, null));
        return page.items().stream()
                .filter(account -> account.platform() == Platform.FACEBOOK && account.status() == AccountStatus.ACTIVE)
                .findFirst().orElseThrow(() -> DomainException.conflict("Connect a Facebook Page first: Forkcast "
                        + "asks Facebook about the place with its access."));
    }
}
