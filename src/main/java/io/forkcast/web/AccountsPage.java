package io.forkcast.web;

import io.forkcast.accounts.AccountId;
import io.forkcast.accounts.AccountStatus;
import io.forkcast.accounts.Accounts;
import io.forkcast.accounts.ConnectedAccount;
import io.forkcast.accounts.GoogleConnect;
import io.forkcast.accounts.OAuthConnect;
import io.forkcast.shared.PageRequest;
import io.forkcast.tenancy.UserSignIns;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Accounts: the connected Facebook Pages, Instagram accounts and Google listings with their state, expiry warnings
 * and the reason one needs reconnecting; "Connect Facebook" and "Connect Google" run the networks' consent and come
 * back here; disconnect.
 */
@Controller
@RequestMapping("/app/accounts")
class AccountsPage {

    static final String CALLBACK = "/app/accounts/connected";
    static final String GOOGLE_CALLBACK = "/app/accounts/google-connected";
    /** Tokens expiring within this are flagged, so the owner reconnects before publishing stops. */
    static final Duration EXPIRY_WARNING = Duration.ofDays(14);

    /** An account as the page shows it. */
    record Row(ConnectedAccount account, String name, String warning) {
    }

    private final Accounts accounts;
    private final OAuthConnect connect;
    private final GoogleConnect google;
    private final Clock clock;

    AccountsPage(Accounts accounts, OAuthConnect connect, GoogleConnect google, Clock clock) {
        this.accounts = accounts;
        this.connect = connect;
        this.google = google;
        this.clock = clock;
    }

    @GetMapping
    String page(@ModelAttribute("me") UserSignIns.SignedInUser me, Model model) {
        Instant now = clock.instant();
        List<Row> rows = new ArrayList<>();
        for (ConnectedAccount account : accounts.list(me.tenantId(), new PageRequest(200, null)).items()) {
            rows.add(new Row(account, name(account), warning(account, now)));
        }
        model.addAttribute("rows", rows);
        model.addAttribute("googleEnabled", google.enabled());
        return "app/accounts";
    }

    /** Starts a connect: Facebook's dialog, which sends the browser back to {@link #connected}. */
    @PostMapping("/connect")
    String connect(@ModelAttribute("me") UserSignIns.SignedInUser me) {
        return "redirect:" + connect.authorize(me.tenantId(), CALLBACK).authorizationUrl();
    }

    /** Where Facebook sends the owner back: the one-time state authenticates the connect itself. */
    @GetMapping("/connected")
    String connected(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
            @RequestParam(required = false) String error,
            @RequestParam(name = "error_reason", required = false) String errorReason,
            RedirectAttributes flash) {
        return landed(connect.complete(code, state, error, errorReason), flash);
    }

    /** Starts a Google connect: Google's consent screen, which sends the browser back to {@link #googleConnected}. */
    @PostMapping("/connect-google")
    String connectGoogle(@ModelAttribute("me") UserSignIns.SignedInUser me) {
        return "redirect:" + google.authorize(me.tenantId(), GOOGLE_CALLBACK).authorizationUrl();
    }

    /** Where Google sends the owner back: the one-time state authenticates the connect itself. */
    @GetMapping("/google-connected")
    String googleConnected(@RequestParam(required = false) String code, @RequestParam(required = false) String state,
            @RequestParam(required = false) String error, RedirectAttributes flash) {
        return landed(google.complete(code, state, error), flash);
    }

    private static String landed(OAuthConnect.Outcome outcome, RedirectAttributes flash) {
        if (outcome.connected()) {
            StringBuilder message = new StringBuilder("Connected " + outcome.accounts().size() + " account"
                    + (outcome.accounts().size() == 1 ? "." : "s."));
            for (String page : outcome.pagesWithoutInstagram()) {
                message.append(" The Page ").append(page).append(" has no Instagram professional account linked; "
                        + "link one in the Page's settings on Facebook, then connect again to add it.");
            }
            flash.addFlashAttribute("notice", message.toString());
        } else {
            flash.addFlashAttribute("error", outcome.title() + ": " + outcome.message());
        }
        return "redirect:/app/accounts";
    }

    @PostMapping("/{accountId}/disconnect")
    String disconnect(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID accountId,
            RedirectAttributes flash) {
        ConnectedAccount account = accounts.disconnect(me.tenantId(), new AccountId(accountId));
        flash.addFlashAttribute("warning", name(account) + " is disconnected. Its scheduled posts will fail "
                + "until you connect it again.");
        return "redirect:/app/accounts";
    }

    static String name(ConnectedAccount account) {
        return account.platform().accountName(account.username() == null ? account.platformUserId()
                : account.username());
    }

    private static String warning(ConnectedAccount account, Instant now) {
        if (account.status() != AccountStatus.ACTIVE) {
            return null;
        }
        Instant soonest = earliest(account.tokenExpiresAt(), account.dataAccessExpiresAt());
        if (soonest == null || soonest.isAfter(now.plus(EXPIRY_WARNING))) {
            return null;
        }
        long days = Math.max(0, Duration.between(now, soonest).toDays());
        return days == 0 ? "Access ends today: connect again to keep publishing."
                : "Access ends in " + days + (days == 1 ? " day" : " days") + ": connect again to keep publishing.";
    }

    private static Instant earliest(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
