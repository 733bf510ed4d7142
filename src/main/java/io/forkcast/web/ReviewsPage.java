package io.forkcast.web;

import io.forkcast.accounts.Accounts;
import io.forkcast.accounts.GoogleConnect;
import io.forkcast.listing.GoogleInsights;
import io.forkcast.listing.GoogleMenuSync;
import io.forkcast.listing.GoogleReviews;
import io.forkcast.listing.ListingInsights;
import io.forkcast.listing.MenuSyncState;
import io.forkcast.listing.ReviewView;
import io.forkcast.shared.Platform;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Reviews on the restaurant's Google listing: those waiting for a reply first (low ratings flagged), each with a
 * reply drafted in the restaurant's voice to edit and post; replied ones with their reply to change or delete. The
 * page also says where the menu stands on Google and what guests did with the listing lately.
 */
@Controller
@RequestMapping("/app/reviews")
class ReviewsPage {

    /** The tabs of the page, in the owner's words. */
    enum Tab {
        WAITING("Waiting for a reply", GoogleReviews.Filter.NEEDS_REPLY),
        REPLIED("Replied", GoogleReviews.Filter.REPLIED),
        ALL("All", GoogleReviews.Filter.ALL);

        final String words;
        final GoogleReviews.Filter filter;

        Tab(String words, GoogleReviews.Filter filter) {
            this.words = words;
            this.filter = filter;
        }

        public String words() {
            return words;
        }

        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A review as a card shows it: its stars as symbols and words. */
    record Card(ReviewView review, String starSymbols, String starWords) {

        static Card of(ReviewView review) {
            int stars = Math.max(0, Math.min(5, review.stars()));
            return new Card(review, "★".repeat(stars) + "☆".repeat(5 - stars), stars + " out of 5 stars");
        }
    }

    private final GoogleReviews reviews;
    private final GoogleMenuSync menu;
    private final GoogleInsights insights;
    private final Accounts accounts;
    private final GoogleConnect google;
    private final Clock clock;

    ReviewsPage(GoogleReviews reviews, GoogleMenuSync menu, GoogleInsights insights, Accounts accounts,
            GoogleConnect google, Clock clock) {
        this.google = google;
        this.reviews = reviews;
        this.menu = menu;
        this.insights = insights;
        this.accounts = accounts;
        this.clock = clock;
    }

    @GetMapping
    String show(@ModelAttribute("me") UserSignIns.SignedInUser me, @RequestParam(defaultValue = "waiting") String tab,
            Model model) {
        Tab chosen = tab(tab);
        boolean connected = google.enabled() && !accounts.active(me.tenantId(), Platform.GOOGLE_BUSINESS).isEmpty();
        model.addAttribute("googleEnabled", google.enabled());
        model.addAttribute("connected", connected);
        model.addAttribute("tabs", Tab.values());
        model.addAttribute("tab", chosen);
        model.addAttribute("cards", reviews.list(me.tenantId(), chosen.filter, 200).stream().map(Card::of).toList());
        model.addAttribute("waiting", reviews.waiting(me.tenantId()));
        List<MenuSyncState> menus = connected ? menu.states(me.tenantId()) : List.of();
        model.addAttribute("menus", menus);
        LocalDate to = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(1);
        List<ListingInsights> recent = connected ? insights.read(me.tenantId(), to.minusDays(27), to) : List.of();
        model.addAttribute("listings", recent);
        return "app/reviews";
    }

    /** An unknown tab in a link shows the reviews waiting for a reply rather than an error. */
    private static Tab tab(String value) {
        for (Tab candidate : Tab.values()) {
            if (candidate.param().equalsIgnoreCase(value)) {
                return candidate;
            }
        }
        return Tab.WAITING;
    }

    @PostMapping("/sync")
    String sync(@ModelAttribute("me") UserSignIns.SignedInUser me, RedirectAttributes flash) {
        GoogleReviews.SyncResult result = reviews.sync(me.tenantId());
        flash.addFlashAttribute("notice", result.added() == 0 ? "No new review on Google."
                : result.added() + (result.added() == 1 ? " new review" : " new reviews")
                + ", with a reply drafted for you to check.");
        return "redirect:/app/reviews";
    }

    @PostMapping("/menu-sync")
    String syncMenu(@ModelAttribute("me") UserSignIns.SignedInUser me, RedirectAttributes flash) {
        flashMenuOutcome(menu.syncNow(me.tenantId()), flash);
        return "redirect:/app/reviews";
    }

    /** Tells the owner how a menu sync they asked for went: on Google, or why not (shown beside the button). */
    static void flashMenuOutcome(List<MenuSyncState> states, RedirectAttributes flash) {
        boolean failed = states.stream().anyMatch(s -> s.status() == MenuSyncState.Status.FAILED);
        flash.addFlashAttribute(failed ? "warning" : "notice", failed
                ? "Google did not take the menu: see why below." : "Your menu is on Google now.");
    }

    @PostMapping("/{reviewId}/reply")
    String reply(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID reviewId,
            @RequestParam(defaultValue = "") String comment, @RequestParam(defaultValue = "waiting") String tab,
            RedirectAttributes flash) {
        reviews.reply(me.tenantId(), reviewId, comment);
        flash.addFlashAttribute("notice", "Your reply is on Google.");
        return "redirect:/app/reviews?tab=" + tab(tab).param();
    }

    @PostMapping("/{reviewId}/draft")
    String redraft(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID reviewId,
            @RequestParam(defaultValue = "waiting") String tab, RedirectAttributes flash) {
        reviews.redraft(me.tenantId(), reviewId);
        flash.addFlashAttribute("notice", "A new draft is ready: check it before you post it.");
        return "redirect:/app/reviews?tab=" + tab(tab).param() + "#review-" + reviewId;
    }

    @PostMapping("/{reviewId}/delete-reply")
    String deleteReply(@ModelAttribute("me") UserSignIns.SignedInUser me, @PathVariable UUID reviewId,
            RedirectAttributes flash) {
        reviews.deleteReply(me.tenantId(), reviewId);
        flash.addFlashAttribute("warning", "Your reply was removed from Google. The review waits for a reply again.");
        return "redirect:/app/reviews?tab=waiting";
    }
}
