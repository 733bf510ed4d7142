package io.forkcast.web;

import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.approvals.ApprovalAction;
import io.forkcast.approvals.ShareLinks;
import io.forkcast.posts.PostView;
import io.forkcast.shared.DomainException;
import io.forkcast.tenancy.CurrentTenant;
import io.forkcast.tenancy.Tenant;
import io.forkcast.tenancy.Tenants;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The page a share-for-approval link opens, for someone without an account: the post as each network will show it
 * (its images by signed URLs, as everywhere), and one form to approve it or ask for changes, once. No session, no
 * cookie: the token in the path is the only credential, so a forged cross-site request has nothing to ride on; a
 * POST that a browser marks as cross-site is refused anyway. Nothing else of the tenant is linked or reachable.
 */
@Controller
class SharePage {

    private final ShareLinks links;
    private final NetworkPreviews previews;
    private final AccountNames accountNames;
    private final Tenants tenants;
    private final CurrentTenant currentTenant;

    SharePage(ShareLinks links, NetworkPreviews previews, AccountNames accountNames, Tenants tenants,
            CurrentTenant currentTenant) {
        this.links = links;
        this.previews = previews;
        this.accountNames = accountNames;
        this.tenants = tenants;
        this.currentTenant = currentTenant;
    }

    @GetMapping(ShareLinks.PATH + "{token}")
    String open(@PathVariable String token, HttpServletRequest request, HttpServletResponse response, Model model) {
        protect(response);
        try {
            links.countRequest(request.getRemoteAddr());
            return page(links.open(token), model, null);
        } catch (DomainException e) {
            return refused(e, response, model);
        }
    }

    @PostMapping(ShareLinks.PATH + "{token}")
    String decide(@PathVariable String token, @RequestParam(defaultValue = "") String decision,
            @RequestParam(defaultValue = "") String comment,
            @RequestParam(name = "as_soon_as_possible", defaultValue = "false") boolean asSoonAsPossible,
            HttpServletRequest request,
            HttpServletResponse response, Model model) {
        protect(response);
        try {
            links.countRequest(request.getRemoteAddr());
            if ("cross-site".equals(request.getHeader("Sec-Fetch-Site"))) {
                throw DomainException.forbidden("Open the link itself to decide.");
            }
            ApprovalAction action = switch (decision) {
                case "approve" -> ApprovalAction.APPROVED;
                case "changes" -> ApprovalAction.CHANGES_REQUESTED;
                default -> throw new io.forkcast.shared.InvalidFieldException("decision",
                        "Choose: approve, or ask for changes.");
            };
            ShareLinks.Opened opened;
            try {
                opened = links.decide(token, action, comment.isBlank() ? null : comment, asSoonAsPossible);
            } catch (DomainException refused) {
                if (refused.status().is4xxClientError() && refused.status() != HttpStatus.NOT_FOUND
                        && refused.status() != HttpStatus.TOO_MANY_REQUESTS) {
                    // Shown on the page itself, beside the form, with what was typed.
                    response.setStatus(refused.status().value());
                    model.addAttribute("comment", comment);
                    return page(links.open(token), model, DashboardAdvice.sentence(refused));
                }
                throw refused;
            }
            model.addAttribute("done", action != ApprovalAction.APPROVED ? "Thank you: your note was sent to the team."
                    : opened.late() ? "Thank you: the post is approved and goes out as soon as possible."
                    : "Thank you: the post is approved.");
            return page(opened, model, null);
        } catch (DomainException e) {
            return refused(e, response, model);
        }
    }

    private String page(ShareLinks.Opened opened, Model model, String error) {
        return currentTenant.callAsTenant(opened.tenantId(), null, () -> {
            PostView post = opened.post();
            ZoneId zone = tenants.find(opened.tenantId()).map(Tenant::timezone).orElse(ZoneOffset.UTC);
            Map<UUID, ConnectedAccount> byId = new HashMap<>();
            accountNames.all(opened.tenantId()).forEach(account -> byId.put(account.id().value(), account));
            model.addAttribute("restaurant", tenants.find(opened.tenantId()).map(Tenant::name).orElse(""));
            model.addAttribute("post", post);
            model.addAttribute("link", opened.link());
            model.addAttribute("decidable", opened.decidable());
            model.addAttribute("late", opened.late());
            model.addAttribute("when", Zoned.readable(post.scheduledFor(), zone));
            model.addAttribute("zoneLabel", Zoned.label(zone));
            model.addAttribute("error", error);
            model.addAttribute("previews", previews.of(opened.tenantId(), post.deliveries().stream()
                    .map(d -> new NetworkPreviews.Target(d.accountId(), d.platform(), byId.get(d.accountId()),
                            d.caption(), null, d.firstComment() == null ? null : d.firstComment().message(),
                            d.format(), d.google()))
                    .toList(), post.assetIds()));
            return "share";
        });
    }

    private static String refused(DomainException e, HttpServletResponse response, Model model) {
        response.setStatus(e.status().value());
        model.addAttribute("message", e.status() == HttpStatus.NOT_FOUND
                ? "This link does not open: it may have expired or been revoked. Ask the restaurant for a new one."
                : DashboardAdvice.sentence(e));
        return "share-refused";
    }

    /** No caching, no referrer (the token is in the address), not indexed, not framed, scripts of our own only. */
    private static void protect(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("X-Robots-Tag", "noindex, nofollow");
        response.setHeader("Content-Security-Policy", "default-src 'self'; img-src 'self' data: https: http:; "
                + "style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'");
    }

}
